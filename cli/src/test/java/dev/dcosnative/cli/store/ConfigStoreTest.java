package dev.dcosnative.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliEnvironment;
import dev.dcosnative.cli.common.CliException;

class ConfigStoreTest {

    @TempDir
    Path home;

    @Test
    void writesTheUpstreamLayoutWithPrivateModes() throws Exception {
        ConfigStore store = new ConfigStore(home.resolve(".dcos"));
        ClusterConfig cluster = store.open("0a1b2c3d-cluster");
        cluster.set(ConfigKeys.DCOS_URL, "https://dcos.example.com/");
        cluster.set(ConfigKeys.ACS_TOKEN, "eyJhbGciOi.payload.sig");
        cluster.set(ConfigKeys.SSL_VERIFY, "FALSE");
        cluster.set(ConfigKeys.TIMEOUT, "15");
        cluster.set(ConfigKeys.CLUSTER_NAME, "prod east");
        cluster.save();
        store.attach(cluster);

        Path dir = home.resolve(".dcos/clusters/0a1b2c3d-cluster");
        assertThat(Files.readString(dir.resolve("dcos.toml"))).isEqualTo("""
                [core]
                dcos_url = "https://dcos.example.com"
                dcos_acs_token = "eyJhbGciOi.payload.sig"
                ssl_verify = "false"
                timeout = 15

                [cluster]
                name = "prod east"
                """);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dcos.toml"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".dcos"))))
                .isEqualTo("rwx------");
        assertThat(dir.resolve("attached")).exists();
        assertThat(Files.list(dir)).hasSize(2); // no temporary file left behind

        ClusterConfig read = ClusterConfig.load(dir);
        assertThat(read.values()).containsExactly(Map.entry("core.dcos_url", "https://dcos.example.com"),
                Map.entry("core.dcos_acs_token", "eyJhbGciOi.payload.sig"), Map.entry("core.ssl_verify", "false"),
                Map.entry("core.timeout", "15"), Map.entry("cluster.name", "prod east"));
        assertThat(read.name()).isEqualTo("prod east");
        assertThat(read.id()).isEqualTo("0a1b2c3d-cluster");
    }

    @Test
    void aSavedFileKeepsModeSixHundredEvenIfSomeoneOpenedItUp() throws Exception {
        ConfigStore store = new ConfigStore(home.resolve(".dcos"));
        ClusterConfig cluster = store.open("c1");
        cluster.set(ConfigKeys.DCOS_URL, "http://a");
        cluster.save();
        Files.setPosixFilePermissions(cluster.file(), PosixFilePermissions.fromString("rw-r--r--"));
        cluster.set(ConfigKeys.ACS_TOKEN, "secret");
        cluster.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void readsHandWrittenTomlAndKeepsUnknownKeys() throws Exception {
        Path dir = home.resolve(".dcos/clusters/abc");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dcos.toml"), """
                # written by hand
                [core]
                dcos_url = 'http://10.0.0.1'   # literal string
                timeout = 5
                [cluster]
                name = "lab"
                [plugin.extra]
                flag = true
                list = ["a", "b"]
                """);
        ClusterConfig cluster = ClusterConfig.load(dir);
        assertThat(cluster.get("core.dcos_url")).contains("http://10.0.0.1");
        assertThat(cluster.get("core.timeout")).contains("5");
        assertThat(cluster.get("plugin.extra.flag")).contains("true");
        cluster.unset("cluster.name");
        cluster.save();
        String written = Files.readString(dir.resolve("dcos.toml"));
        assertThat(written).contains("[plugin.extra]\nflag = true\nlist = [\"a\", \"b\"]\n").doesNotContain("[cluster]");
        assertThat(ClusterConfig.load(dir).values()).containsKeys("core.dcos_url", "core.timeout", "plugin.extra.flag");
    }

    @Test
    void tomlEscapesWhatItMust() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putObject("core").put("dcos_acs_token", "a\"b\\c\nd\u0001").put("odd key", 1.5);
        String toml = Toml.write(doc);
        assertThat(toml).isEqualTo("[core]\ndcos_acs_token = \"a\\\"b\\\\c\\nd\\u0001\"\n\"odd key\" = 1.5\n");
        assertThat(Toml.read(toml, "x").path("core").path("dcos_acs_token").asText()).isEqualTo("a\"b\\c\nd\u0001");
    }

    @Test
    void brokenTomlIsOneClearLine() throws Exception {
        Path dir = home.resolve(".dcos/clusters/bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dcos.toml"), "[core\ndcos_url = \n");
        assertThatThrownBy(() -> ClusterConfig.load(dir)).isInstanceOf(CliException.class)
                .hasMessageStartingWith(dir.resolve("dcos.toml") + " is not valid TOML: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void keysAreTypedAndChecked() {
        assertThat(ConfigKeys.parse("core.timeout", "10").isInt()).isTrue();
        assertThat(ConfigKeys.parse("core.pagination", "False").booleanValue()).isFalse();
        assertThatThrownBy(() -> ConfigKeys.parse("core.timeout", "ten")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigKeys.parse("core.dcos_url", "dcos.example.com"))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> ConfigKeys.parse("nosection", "x")).hasMessageContaining("<section>.<name>");
        assertThat(ConfigKeys.parse("marathon.url", "http://m:8080/").asText()).isEqualTo("http://m:8080");
    }

    @Test
    void environmentVariablesFollowTheUpstreamNames() {
        assertThat(ConfigKeys.envName("core.dcos_url")).isEqualTo("DCOS_URL");
        assertThat(ConfigKeys.envName("core.dcos_acs_token")).isEqualTo("DCOS_ACS_TOKEN");
        assertThat(ConfigKeys.envName("core.ssl_verify")).isEqualTo("DCOS_SSL_VERIFY");
        assertThat(ConfigKeys.envName("core.timeout")).isEqualTo("DCOS_TIMEOUT");
        assertThat(ConfigKeys.envName("marathon.url")).isEqualTo("DCOS_MARATHON_URL");
    }

    @Test
    void findsClustersByIdNameAndIdPrefix() {
        ConfigStore store = new ConfigStore(home.resolve(".dcos"));
        cluster(store, "1111-aaaa", "alpha", "http://a");
        cluster(store, "2222-bbbb", "beta", "http://b");
        assertThat(store.find("1111-aaaa").name()).isEqualTo("alpha");
        assertThat(store.find("beta").id()).isEqualTo("2222-bbbb");
        assertThat(store.find("22").id()).isEqualTo("2222-bbbb");
        assertThatThrownBy(() -> store.find("gamma")).hasMessageContaining("No cluster named 'gamma'");
        store.attach(store.find("beta"));
        store.attach(store.find("alpha"));
        assertThat(store.attached().map(ClusterConfig::name)).contains("alpha");
        assertThat(store.clusters().stream().filter(ClusterConfig::attached)).hasSize(1);
    }

    @Test
    void selectsTheClusterAsUpstreamDoes() {
        ConfigStore store = new ConfigStore(home.resolve(".dcos"));
        assertThatThrownBy(() -> ClusterTarget.resolve(env(Map.of()), store, null))
                .hasMessageContaining("dcos cluster setup");
        ClusterConfig a = cluster(store, "aaaa", "alpha", "http://a");
        // the only configured cluster is used even when not attached
        assertThat(ClusterTarget.resolve(env(Map.of()), store, null).label()).isEqualTo("alpha");
        ClusterConfig b = cluster(store, "bbbb", "beta", "http://b");
        assertThatThrownBy(() -> ClusterTarget.resolve(env(Map.of()), store, null))
                .hasMessageContaining("dcos cluster attach");
        store.attach(a);
        assertThat(ClusterTarget.resolve(env(Map.of()), store, null).label()).isEqualTo("alpha");
        assertThat(ClusterTarget.resolve(env(Map.of("DCOS_CLUSTER", "beta")), store, null).label()).isEqualTo("beta");
        assertThat(ClusterTarget.resolve(env(Map.of("DCOS_CLUSTER", "beta")), store, "alpha").label())
                .isEqualTo("alpha");

        // DCOS_URL picks the cluster configured with that URL, with its token ...
        ClusterTarget byUrl = ClusterTarget.resolve(env(Map.of("DCOS_URL", "http://b/")), store, null);
        assertThat(byUrl.cluster()).map(ClusterConfig::id).contains(b.id());
        assertThat(byUrl.token()).contains("token-bbbb");
        // ... and a URL no cluster has gets no token at all
        ClusterTarget unknown = ClusterTarget.resolve(env(Map.of("DCOS_URL", "http://c")), store, null);
        assertThat(unknown.cluster()).isEmpty();
        assertThat(unknown.token()).isEmpty();
        assertThat(unknown.marathonUrl()).isEqualTo("http://c/service/marathon");
        assertThat(unknown.mesosUrl()).isEqualTo("http://c/mesos");

        // the environment overrides the file
        ClusterTarget overridden = ClusterTarget.resolve(env(Map.of("DCOS_SSL_VERIFY", "false", "DCOS_TIMEOUT", "3",
                "DCOS_ACS_TOKEN", "from-env")), store, null);
        assertThat(overridden.sslVerify()).isEqualTo("false");
        assertThat(overridden.timeout()).hasSeconds(3);
        assertThat(overridden.token()).contains("from-env");
    }

    private static ClusterConfig cluster(ConfigStore store, String id, String name, String url) {
        ClusterConfig cluster = store.open(id);
        cluster.set(ConfigKeys.DCOS_URL, url);
        cluster.set(ConfigKeys.CLUSTER_NAME, name);
        cluster.set(ConfigKeys.ACS_TOKEN, "token-" + id);
        cluster.save();
        return cluster;
    }

    private CliEnvironment env(Map<String, String> vars) {
        return CliEnvironment.of(vars, home, new ByteArrayInputStream(new byte[0]));
    }

}
