package dev.dcosnative.master.edge.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dcosnative.master.edge.core.EdgeRoutes.Access;
import dev.dcosnative.master.edge.core.EdgeRoutes.Match;
import dev.dcosnative.master.edge.core.EdgeRoutes.Target;

class EdgeRoutesTest {

    private static Match route(String path) {
        return EdgeRoutes.route(path, path).orElseThrow();
    }

    @Test
    void mesosAndMarathonGoToTheLeaderWithTheirPrefixStripped() {
        assertThat(route("/mesos/api/v1")).isEqualTo(new Match(new Target.Leader(), Access.ACL,
                "dcos:adminrouter:ops:mesos", "/api/v1"));
        assertThat(route("/service/marathon/v2/apps")).isEqualTo(new Match(new Target.Leader(), Access.ACL,
                "dcos:adminrouter:service:marathon", "/v2/apps"));
        assertThat(route("/marathon/v2/apps").upstreamPath()).isEqualTo("/v2/apps");
        assertThat(route("/marathon/v2/apps").rid()).isEqualTo("dcos:adminrouter:service:marathon");
        assertThat(route("/mesos").target()).isEqualTo(new Target.Redirect("/mesos/"));
        assertThat(route("/marathon").target()).isEqualTo(new Target.Redirect("/service/marathon/"));
    }

    @Test
    void iamIsLocalAndItsAuthPathsAreOpen() {
        assertThat(route("/acs/api/v1/auth/login")).isEqualTo(new Match(new Target.Local(), Access.OPEN, null,
                "/acs/api/v1/auth/login"));
        assertThat(route("/acs/api/v1/auth/jwks").access()).isEqualTo(Access.OPEN);
        assertThat(route("/acs/api/v1/users").access()).isEqualTo(Access.TOKEN);
        assertThat(EdgeRoutes.route("/acs/api/v1/acls/dcos:x/y", "/acs/api/v1/acls/dcos:x%2Fy").orElseThrow()
                .upstreamPath()).as("an encoded slash in a rid reaches IAM encoded").isEqualTo(
                        "/acs/api/v1/acls/dcos:x%2Fy");
    }

    @Test
    void agentsAndServicesByName() {
        assertThat(route("/agent/S1/files/browse")).isEqualTo(new Match(new Target.Agent("S1"), Access.ACL,
                "dcos:adminrouter:ops:slave", "/files/browse"));
        assertThat(route("/slave/S1/state").target()).isEqualTo(new Target.Agent("S1"));
        assertThat(route("/service/shop/cart")).isEqualTo(new Match(new Target.Service("shop"), Access.ACL,
                "dcos:adminrouter:service:shop", "/cart"));
        assertThat(route("/service/shop").target()).isEqualTo(new Target.Redirect("/service/shop/"));
        assertThat(route("/service/metronome/v1/jobs").target()).isInstanceOf(Target.Unavailable.class);
    }

    @Test
    void openDocumentsAndTheUi() {
        assertThat(route("/dcos-metadata/dcos-version.json").access()).isEqualTo(Access.OPEN);
        assertThat(route("/dcos-metadata/ui-config.json").access()).isEqualTo(Access.OPEN);
        assertThat(route("/").target()).isEqualTo(new Target.Document(EdgeRoutes.UI));
        assertThat(route("/exhibitor/exhibitor/v1/cluster/status").access()).isEqualTo(Access.OPEN);
        assertThat(route("/metadata")).isEqualTo(new Match(new Target.Document(EdgeRoutes.METADATA), Access.ACL,
                "dcos:adminrouter:ops:metadata", null));
        assertThat(route("/pkgpanda/active.buildinfo.full.json").access()).isEqualTo(Access.TOKEN);
    }

    @Test
    void componentsNotRunYetStillNeedTheirAcl() {
        for (String path : new String[] { "/package/list", "/cosmos/service/describe", "/capabilities",
                "/mesos_dns/v1/hosts", "/system/health/v1", "/system/v1/logs/v1/range/", "/exhibitor/x" }) {
            Match match = route(path);
            assertThat(match.access()).as(path).isEqualTo(Access.ACL);
            assertThat(match.target()).as(path).isInstanceOf(Target.Unavailable.class);
        }
    }

    @Test
    void aRawPathThatDoesNotMatchItsNormalizedFormIsRefused() {
        assertThat(EdgeRoutes.route("/mesos/api/v1", "/%6Desos/api/v1")).isEmpty();
        assertThat(EdgeRoutes.route("/mesos/master/state", "/service/../mesos/master/state")).isEmpty();
    }
}
