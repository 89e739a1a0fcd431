package dev.dcosnative.agent.fetcher.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.junit.jupiter.api.Test;

import dev.dcosnative.agent.fetcher.core.FetchItem.Archive;

class FetchItemTest {

    private static CommandInfo.URI.Builder uri(String value) {
        return CommandInfo.URI.newBuilder().setValue(value);
    }

    @Test
    void aUrlIsDownloadedUnderItsLastPathSegment() {
        FetchItem item = FetchItem.of(uri("https://repo.example.com/releases/app-1.2.tgz?x=1").build());

        assertThat(item.url()).isEqualTo(URI.create("https://repo.example.com/releases/app-1.2.tgz?x=1"));
        assertThat(item.local()).isNull();
        assertThat(item.outputFile()).isEqualTo("app-1.2.tgz");
        assertThat(item.archive()).isEqualTo(Archive.TAR);
        assertThat(item.executable()).isFalse();
        assertThat(item.userInfo()).isEmpty();
    }

    @Test
    void credentialsLeaveTheUrlAndNeverShow() {
        FetchItem item = FetchItem.of(uri("http://deploy:s3cr%40t@127.0.0.1:8080/a/b.zip").build());

        assertThat(item.url()).isEqualTo(URI.create("http://127.0.0.1:8080/a/b.zip"));
        assertThat(item.userInfo()).contains("deploy:s3cr@t");
        assertThat(item.display()).isEqualTo("http://127.0.0.1:8080/a/b.zip");
        assertThat(FetchItem.redact("ftp://u:p@h/x@y")).isEqualTo("ftp://h/x@y");
        assertThat(FetchItem.redact("/plain/path@x")).isEqualTo("/plain/path@x");
        assertThat(FetchItem.redact("http://h:1/p?q=a@b")).isEqualTo("http://h:1/p?q=a@b");
    }

    @Test
    void pathsAndFileUrisAreCopied() {
        assertThat(FetchItem.of(uri("/opt/bin/tool").build()).local()).isEqualTo(Path.of("/opt/bin/tool"));
        FetchItem file = FetchItem.of(uri("file:///opt/data/set.tar.xz").build());
        assertThat(file.local()).isEqualTo(Path.of("/opt/data/set.tar.xz"));
        assertThat(file.outputFile()).isEqualTo("set.tar.xz");
        assertThat(file.archive()).isEqualTo(Archive.TAR);
        assertThat(FetchItem.of(uri("file://localhost/x").build()).local()).isEqualTo(Path.of("/x"));
    }

    @Test
    void outputFileExecutableAndExtractDecide() {
        FetchItem renamed = FetchItem.of(uri("http://h/download?id=7").setOutputFile("lib/app.zip").build());
        assertThat(renamed.outputFile()).isEqualTo("lib/app.zip");
        assertThat(renamed.archive()).isEqualTo(Archive.ZIP);

        FetchItem executable = FetchItem.of(uri("http://h/run.tgz").setExecutable(true).build());
        assertThat(executable.executable()).isTrue();
        assertThat(executable.archive()).isEqualTo(Archive.NONE);

        assertThat(FetchItem.of(uri("http://h/a.tar.gz").setExtract(false).build()).archive())
                .isEqualTo(Archive.NONE);
        assertThat(FetchItem.of(uri("http://h/a.tar.gz").setCache(true).build()).archive()).isEqualTo(Archive.TAR);
        FetchItem gz = FetchItem.of(uri("http://h/data.json.gz").build());
        assertThat(gz.archive()).isEqualTo(Archive.GZIP);
        assertThat(gz.gunzippedName()).isEqualTo("data.json");
    }

    @Test
    void archivesAreKnownByName() {
        for (String name : new String[] { "a.tar", "a.tgz", "a.tar.gz", "a.tbz2", "a.tar.bz2", "a.txz", "a.TAR.XZ" }) {
            assertThat(Archive.of(name)).as(name).isEqualTo(Archive.TAR);
        }
        assertThat(Archive.of("a.zip")).isEqualTo(Archive.ZIP);
        assertThat(Archive.of("a.gz")).isEqualTo(Archive.GZIP);
        assertThat(Archive.of("a.jar")).isEqualTo(Archive.NONE);
        assertThat(Archive.of("tar")).isEqualTo(Archive.NONE);
    }

    @Test
    void unfetchableUrisAreRefusedWithoutShowingCredentials() {
        assertThatThrownBy(() -> FetchItem.of(uri(" ").build())).hasMessageContaining("empty");
        assertThatThrownBy(() -> FetchItem.of(uri("relative/file").build())).hasMessageContaining("relative path");
        assertThatThrownBy(() -> FetchItem.of(uri("hdfs://u:pw@nn:9000/x").build()))
                .hasMessageContaining("unsupported scheme 'hdfs'")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> FetchItem.of(uri("http://h/dir/").build())).hasMessageContaining("output_file");
        assertThatThrownBy(() -> FetchItem.of(uri("http://h/x").setOutputFile("../escape").build()))
                .hasMessageContaining("not a path inside the sandbox");
        assertThatThrownBy(() -> FetchItem.of(uri("http://h/x").setOutputFile("/etc/x").build()))
                .hasMessageContaining("not a path inside the sandbox");
        assertThatThrownBy(() -> FetchItem.of(uri("file://otherhost/x").build())).hasMessageContaining("another host");
        assertThatThrownBy(() -> FetchItem.of(uri("http://u:pw@h/a b").build()))
                .hasMessageContaining("not a valid URI")
                .hasMessageNotContaining("pw");
    }

    @Test
    void anOutputFileIsNormalized() {
        assertThat(FetchItem.of(uri("http://h/x").setOutputFile("./a/../b/c").build()).outputFile())
                .isEqualTo("b/c");
        assertThat(FetchItem.of(uri("http://h/x").build()).userInfo()).isEqualTo(Optional.empty());
    }
}
