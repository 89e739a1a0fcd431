package dev.dcosnative.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsPadsNumbersAndLeavesNoTrailingBlanks() {
        Table table = Table.of("ID", "MEM", "CPUS", "CMD").right(1, 2)
                .row("/web", 128, 0.5, "python3 -m http.server")
                .row("/prod/database", 4096, 2, null)
                .row("/x", 32, 0.1, "sleep\n100");
        assertThat(table.lines()).containsExactly(
                "ID               MEM  CPUS  CMD",
                "/web             128   0.5  python3 -m http.server",
                "/prod/database  4096     2",
                "/x                32   0.1  sleep 100");
    }

    @Test
    void headersAloneWhenThereAreNoRows() {
        assertThat(Table.of("NAME", "ID").lines()).containsExactly("NAME  ID");
    }
}
