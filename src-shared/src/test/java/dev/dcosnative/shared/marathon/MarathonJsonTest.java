package dev.dcosnative.shared.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.shared.marathon.MarathonJson.ErrorDetail;
import dev.dcosnative.shared.marathon.MarathonJson.InvalidJsonException;

class MarathonJsonTest {

    private static final String UPSTREAM_EXAMPLE = """
            {"id":"/foo","instances":2,"cmd":"sleep 1000","cpus":0.1,"disk":0,"mem":16,
             "acceptedResourceRoles":["mesos_role"],"backoffFactor":1.15,"backoffSeconds":1,
             "constraints":[["hostname","LIKE","srv2.*"]],
             "container":{"docker":{"forcePullImage":false,"image":"mesosphere:marathon/latest","network":"BRIDGE",
               "parameters":[{"key":"name","value":"kdc"}],
               "portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp","servicePort":10019,"name":"http",
                 "labels":{"vip":"192.168.0.1:80"}}],"privileged":false},
               "type":"DOCKER","volumes":[{"containerPath":"/docker_storage","hostPath":"/hdd","mode":"RW"}]},
             "dependencies":["/prod/group"],"env":{"XPS1":"Test","DB_PASSWORD":{"secret":"pw"}},"executor":"",
             "healthChecks":[{"gracePeriodSeconds":300,"ignoreHttp1xx":false,"intervalSeconds":20,
               "maxConsecutiveFailures":3,"path":"/","portIndex":0,"protocol":"HTTP","timeoutSeconds":20}],
             "labels":{"owner":"zeus"},"maxLaunchDelaySeconds":3600,
             "portDefinitions":[{"port":0,"protocol":"tcp","name":"http","labels":{"vip":"192.168.0.1:80"}}],
             "requirePorts":false,"upgradeStrategy":{"maximumOverCapacity":1,"minimumHealthCapacity":1},
             "fetch":[{"uri":"https://foo.com/setup.py"},{"uri":"https://foo.com/a.zip","executable":false,
               "extract":true,"cache":true}],
             "unreachableStrategy":"disabled","killSelection":"OLDEST_FIRST","user":"root",
             "tasksRunning":3,"tasks":[]}
            """;

    @Test
    void readsTheUpstreamExampleAndIgnoresReadOnlyFields() {
        App app = read(UPSTREAM_EXAMPLE);

        assertThat(app.id()).isEqualTo("/foo");
        assertThat(app.cpus()).isEqualTo(0.1);
        assertThat(app.constraints()).containsExactly(Constraint.of("hostname", "LIKE", "srv2.*"));
        assertThat(app.container().docker().portMappings().get(0).servicePort()).isEqualTo(10019);
        assertThat(app.env().get("XPS1")).isEqualTo(EnvValue.of("Test"));
        assertThat(app.env().get("DB_PASSWORD").secret()).isEqualTo("pw");
        assertThat(app.unreachableStrategy()).isEqualTo(UnreachableStrategy.DISABLED);
        assertThat(app.killSelection()).isEqualTo(App.KillSelection.OLDEST_FIRST);
        assertThat(app.fetch()).hasSize(2);
    }

    @Test
    void writesWhatItReads() {
        App app = read(UPSTREAM_EXAMPLE);

        JsonNode written = MarathonJson.toTree(app);

        assertThat(written.get("constraints").toString()).isEqualTo("[[\"hostname\",\"LIKE\",\"srv2.*\"]]");
        assertThat(written.get("env").toString()).isEqualTo("{\"XPS1\":\"Test\",\"DB_PASSWORD\":{\"secret\":\"pw\"}}");
        assertThat(written.get("unreachableStrategy").asText()).isEqualTo("disabled");
        assertThat(written.has("cmd")).isTrue();
        assertThat(written.has("gpus")).as("absent fields stay absent").isFalse();
        assertThat(MarathonJson.convert(written, App.class)).isEqualTo(app);
    }

    @Test
    void reportsTheWrongTypeWithItsPathAsPlayDoes() {
        assertThat(errorOf("{\"id\": 5}")).isEqualTo(new ErrorDetail("/id", List.of("error.expected.jsstring")));
        assertThat(errorOf("{\"id\":\"/a\",\"cpus\":\"lots\"}"))
                .isEqualTo(new ErrorDetail("/cpus", List.of("error.expected.jsnumber")));
        assertThat(errorOf("{\"id\":\"/a\",\"instances\":1.5}"))
                .isEqualTo(new ErrorDetail("/instances", List.of("error.expected.jsnumber")));
        assertThat(errorOf("{\"id\":\"/a\",\"container\":{\"portMappings\":[{\"hostPort\":\"x\"}]}}"))
                .isEqualTo(new ErrorDetail("/container/portMappings(0)/hostPort", List.of("error.expected.jsnumber")));
        assertThat(errorOf("{\"id\":\"/a\",\"labels\":{\"a\":1}}"))
                .isEqualTo(new ErrorDetail("/labels/a", List.of("error.expected.jsstring")));
        assertThat(errorOf("{\"id\":\"/a\",\"requirePorts\":\"yes\"}"))
                .isEqualTo(new ErrorDetail("/requirePorts", List.of("error.expected.jsboolean")));
        assertThat(errorOf("{\"id\":\"/a\",\"args\":\"sleep\"}"))
                .isEqualTo(new ErrorDetail("/args", List.of("error.expected.jsarray")));
        assertThat(errorOf("{\"id\":\"/a\",\"killSelection\":\"RANDOM\"}"))
                .isEqualTo(new ErrorDetail("/killSelection", List.of("error.expected.validenumvalue")));
        assertThat(errorOf("{\"id\":\"/a\",\"unreachableStrategy\":{\"inactiveAfterSeconds\":\"1\"}}"))
                .isEqualTo(new ErrorDetail("/unreachableStrategy/inactiveAfterSeconds",
                        List.of("error.expected.jsnumber")));
        assertThat(errorOf("[1]")).isEqualTo(new ErrorDetail("/", List.of("error.expected.jsobject")));
    }

    @Test
    void reportsABodyThatIsNotJson() {
        assertThat(errorOf("{\"id\": ").path()).isEqualTo("/");
        assertThat(errorOf("")).isEqualTo(new ErrorDetail("/", List.of("error.expected.jsvalue")));
        assertThat(errorOf("{} {}").path()).isEqualTo("/");
    }

    private static App read(String json) {
        return MarathonJson.read(json.getBytes(StandardCharsets.UTF_8), App.class);
    }

    private static ErrorDetail errorOf(String json) {
        InvalidJsonException e = (InvalidJsonException) org.assertj.core.api.Assertions
                .catchThrowable(() -> read(json));
        assertThat(e).as("an InvalidJsonException for %s", json).isNotNull();
        assertThat(e.details()).hasSize(1);
        return e.details().get(0);
    }

    @Test
    void pathIdsAreParsedAndResolvedAsMarathonDoes() {
        assertThat(PathId.of("//x").toString()).isEqualTo("/x");
        assertThat(PathId.of("b/c").canonical(PathId.of("/a")).toString()).isEqualTo("/a/b/c");
        assertThat(PathId.of("../c").canonical(PathId.of("/a/b")).toString()).isEqualTo("/a/c");
        assertThat(PathId.of("/a/b").parent()).isEqualTo(PathId.of("/a"));
        assertThat(PathId.of("/prod/db").safePath()).isEqualTo("prod_db");
        assertThat(PathId.fromSafePath("prod_db")).isEqualTo(PathId.of("/prod/db"));
        assertThat(PathId.of("/a/B").hasValidSegments()).isFalse();
        assertThat(PathId.of("/a.b/c-1").hasValidSegments()).isTrue();
        assertThat(PathId.of("/a/b").within(PathId.of("/a"))).isTrue();
        assertThat(PathId.of("/ab").within(PathId.of("/a"))).isFalse();
        assertThatThrownBy(() -> PathId.ROOT.path().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
