package dev.dcosnative.master.marathon.app.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/** One test per rule group, each with the path and message Marathon answers with. */
class AppValidationTest {

    /** The upstream example of MarathonJsonTest, made valid: a real image, the secret it names, its own role. */
    private static final String RICH_APP = """
            {"id":"/foo","instances":2,"cmd":"sleep 1000","cpus":0.1,"disk":0,"mem":16,
             "acceptedResourceRoles":["slave_public"],"backoffFactor":1.15,"backoffSeconds":1,
             "constraints":[["hostname","LIKE","srv2.*"],["rack","GROUP_BY","3"],["@zone","UNIQUE"],
               ["hostname","MAX_PER","2"],["rack","CLUSTER"],["@region","IS","eu"]],
             "container":{"docker":{"forcePullImage":false,"image":"mesosphere/marathon:latest","network":"BRIDGE",
               "parameters":[{"key":"name","value":"kdc"}],
               "portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp","servicePort":10019,"name":"http",
                 "labels":{"vip":"192.168.0.1:80"}}],"privileged":false},
               "type":"DOCKER","volumes":[{"containerPath":"/docker_storage","hostPath":"/hdd","mode":"RW"}]},
             "dependencies":["/prod/group"],"env":{"XPS1":"Test","DB_PASSWORD":{"secret":"pw"}},
             "secrets":{"pw":{"source":"/db/password"}},"executor":"",
             "healthChecks":[{"gracePeriodSeconds":300,"ignoreHttp1xx":false,"intervalSeconds":20,
               "maxConsecutiveFailures":3,"path":"/","portIndex":0,"protocol":"HTTP","timeoutSeconds":20}],
             "readinessChecks":[{"portName":"http","intervalSeconds":30,"timeoutSeconds":10}],
             "labels":{"owner":"zeus"},"maxLaunchDelaySeconds":3600,
             "portDefinitions":[{"port":0,"protocol":"tcp","name":"http","labels":{"vip":"192.168.0.1:80"}}],
             "requirePorts":false,"upgradeStrategy":{"maximumOverCapacity":1,"minimumHealthCapacity":1},
             "fetch":[{"uri":"https://foo.com/setup.py"},{"uri":"https://foo.com/a.zip","executable":false,
               "extract":true,"cache":true}],
             "resourceLimits":{"cpus":"unlimited","mem":64},
             "unreachableStrategy":"disabled","killSelection":"OLDEST_FIRST","user":"root",
             "tasksRunning":3,"tasks":[]}
            """;

    @Test
    void aMinimalAndARichAppAreValid() {
        assertThat(AppValidation.validate(normalized("{\"id\":\"/app\",\"cmd\":\"sleep 100\"}"))).isEmpty();
        assertThat(AppValidation.validate(normalized(RICH_APP))).isEmpty();
    }

    @Test
    void idsFollowThePathIdRules() {
        String pattern = "must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*"
                + "([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'";
        assertThat(errors("{\"id\":\"/a b\",\"cmd\":\"sleep\"}")).containsExactly("/id " + pattern);
        assertThat(errors("{\"id\":\"/prod/-dash\",\"cmd\":\"sleep\"}")).containsExactly("/id " + pattern);
        assertThat(errors("{\"id\":\"/prod/tasks\",\"cmd\":\"sleep\"}")).containsExactly(
                "/id must not end with any of the following reserved keywords: restart, tasks, versions");
        assertThat(errors("{\"id\":\"/\",\"cmd\":\"sleep\"}"))
                .containsExactly("/id Path must contain at least one path element", "/ must not be root");
        assertThat(errors("{\"id\":\"/a.b/c-1\",\"cmd\":\"sleep\"}")).isEmpty();
        assertThat(errors("{\"id\":\"/a\",\"cmd\":\"sleep\",\"dependencies\":[\"/B\",\"/x/versions\"]}"))
                .containsExactly("/dependencies(0) " + pattern,
                        "/dependencies(1) must not end with any of the following reserved keywords: restart, tasks,"
                                + " versions");
    }

    @Test
    void messagesForOnePathAreGroupedInTheOrderFound() {
        List<Violation> violations = AppValidation.validate(normalized("{\"id\":\"/A/versions\",\"cmd\":\"sleep\"}"));

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).path()).isEqualTo("/id");
        assertThat(violations.get(0).errors()).hasSize(2);
        assertThat(violations.get(0).errors().get(0)).startsWith("must fully match regular expression");
        assertThat(violations.get(0).errors().get(1)).startsWith("must not end with");
    }

    @Test
    void anAppRunsCmdOrArgsOrAnImage() {
        String message = "/ AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.";
        assertThat(errors("{\"id\":\"/a\"}")).containsExactly(message);
        assertThat(errors("{\"id\":\"/a\",\"cmd\":\"sleep 1\",\"args\":[\"sleep\",\"1\"]}")).containsExactly(message);
        assertThat(errors("{\"id\":\"/a\",\"args\":[\"sleep\",\"1\"]}")).isEmpty();
        assertThat(errors("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"nginx\"}}}")).isEmpty();
        assertThat(errors("{\"id\":\"/a\",\"container\":{\"type\":\"MESOS\",\"docker\":{\"image\":\"nginx\"}}}"))
                .isEmpty();
        assertThat(errors("{\"id\":\"/a\",\"container\":{\"type\":\"MESOS\"}}")).containsExactly(message);
        assertThat(errors("{\"id\":\"/a\",\"cmd\":\"\"}")).containsExactly("/ must not be an empty string");
        assertThat(errors("{\"id\":\"/a\",\"cmd\":\"w\"}")).as("upstream's rule is length > 1")
                .containsExactly("/ must not be an empty string");
    }

    @Test
    void resourcesHaveLowerBounds() {
        assertThat(errors(app("\"cpus\":0"))).containsExactly("/cpus got 0.0, expected 0.001 or more");
        assertThat(errors(app("\"cpus\":0.0005"))).containsExactly("/cpus got 5.0E-4, expected 0.001 or more");
        assertThat(errors(app("\"mem\":-3"))).containsExactly("/mem got -3.0, expected 0.0 or more");
        assertThat(errors(app("\"disk\":-3"))).containsExactly("/disk got -3.0, expected 0.0 or more");
        assertThat(errors(app("\"gpus\":-3"))).containsExactly("/gpus got -3, expected 0 or more");
        assertThat(errors(app("\"instances\":-3"))).containsExactly("/instances got -3, expected 0 or more");
        assertThat(errors(app("\"instances\":0,\"cpus\":0.001,\"mem\":0"))).isEmpty();
        assertThat(errors("{\"id\":\"/a\",\"gpus\":1,\"container\":{\"docker\":{\"image\":\"cuda\"}}}"))
                .containsExactly("/ GPU resources only work with the Mesos containerizer");
        assertThat(errors(
                "{\"id\":\"/a\",\"gpus\":1,\"container\":{\"type\":\"MESOS\",\"docker\":{\"image\":\"cuda\"}}}"))
                .isEmpty();
    }

    @Test
    void resourceLimitsAreUnlimitedOrAtLeastTheRequest() {
        assertThat(errors(app("\"mem\":256,\"cpus\":2,\"resourceLimits\":{\"mem\":256,\"cpus\":\"unlimited\"}")))
                .isEmpty();
        assertThat(errors(app("\"mem\":256,\"resourceLimits\":{\"mem\":200}"))).containsExactly(
                "/resourceLimits/mem resource limit must be greater than or equal to requested resource (256.0)");
        assertThat(errors(app("\"cpus\":2,\"resourceLimits\":{\"cpus\":1}"))).containsExactly(
                "/resourceLimits/cpus resource limit must be greater than or equal to requested resource (2.0)");
        assertThat(errors(app("\"resourceLimits\":{\"mem\":\"Infinity\"}"))).containsExactly(
                "/resourceLimits/mem 'Infinity' is an invalid resource limit. It must be 'unlimited' or a number");
    }

    @Test
    void theExecutorIsEmptyCmdOrAPath() {
        String message = "/executor must fully match regular expression '^(//cmd)|(/?[^/]+(/[^/]+)*)|$'";
        for (String good : List.of("", "//cmd", "some/relative/path.mte", "/some/absolute/path")) {
            assertThat(errors(app("\"executor\":\"" + good + "\""))).as(good).isEmpty();
        }
        assertThat(errors(app("\"executor\":\"/test/\""))).containsExactly(message);
        assertThat(errors(app("\"executor\":\"/test//path\""))).containsExactly(message);
    }

    @Test
    void backoffAndKillGraceHaveLowerBounds() {
        assertThat(errors(app("\"backoffSeconds\":-1"))).containsExactly("/backoffSeconds got -1, expected 0 or more");
        assertThat(errors(app("\"backoffFactor\":0.5"))).containsExactly("/backoffFactor got 0.5, expected 1.0 or more");
        assertThat(errors(app("\"maxLaunchDelaySeconds\":-1")))
                .containsExactly("/maxLaunchDelaySeconds got -1, expected 0 or more");
        assertThat(errors(app("\"taskKillGracePeriodSeconds\":-1")))
                .containsExactly("/taskKillGracePeriodSeconds got -1, expected 0 or more");
        assertThat(errors(app("\"backoffSeconds\":0,\"backoffFactor\":1,\"maxLaunchDelaySeconds\":0"))).isEmpty();
    }

    @Test
    void upgradeCapacitiesLieBetweenZeroAndOne() {
        assertThat(errors(app("\"upgradeStrategy\":{\"minimumHealthCapacity\":1.2}")))
                .containsExactly("/upgradeStrategy/minimumHealthCapacity got 1.2, expected between 0.0 and 1.0");
        assertThat(errors(app("\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,\"maximumOverCapacity\":-1.2}")))
                .containsExactly("/upgradeStrategy/maximumOverCapacity got -1.2, expected between 0.0 and 1.0");
        assertThat(errors(app("\"upgradeStrategy\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}")))
                .isEmpty();
    }

    @Test
    void singleInstanceAppsScaleToOneAndUpgradeByStopping() {
        String labels = "\"labels\":{\"MARATHON_SINGLE_INSTANCE_APP\":\"true\"}";
        assertThat(errors(app(labels + ",\"instances\":2,"
                + "\"upgradeStrategy\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}")))
                .containsExactly("/ Single instance app may only have one instance");
        assertThat(errors(app(labels))).containsExactly(
                "/upgradeStrategy/minimumHealthCapacity got 1.0, expected 0.0",
                "/upgradeStrategy/maximumOverCapacity got 1.0, expected 0.0");
    }

    @Test
    void theMigrationApiLabelsComeTogether() {
        assertThat(errors(app("\"labels\":{\"DCOS_MIGRATION_API_VERSION\":\"v1\"}"))).containsExactly(
                "/ DCOS_PACKAGE_FRAMEWORK_NAME and DCOS_MIGRATION_API_PATH must be defined when using"
                        + " DCOS_MIGRATION_API_VERSION");
        assertThat(errors(app("\"labels\":{\"DCOS_MIGRATION_API_VERSION\":\"v1\","
                + "\"DCOS_PACKAGE_FRAMEWORK_NAME\":\"kafka\",\"DCOS_MIGRATION_API_PATH\":\"/v1/plan\"}"))).isEmpty();
    }

    @Test
    void unreachableInactivityComesBeforeExpunge() {
        assertThat(errors(app("\"unreachableStrategy\":{\"inactiveAfterSeconds\":600,\"expungeAfterSeconds\":300}")))
                .containsExactly(
                        "/unreachableStrategy/inactiveAfterSeconds got 600 seconds, expected 300 seconds or less");
        assertThat(errors(app("\"unreachableStrategy\":{\"inactiveAfterSeconds\":-1,\"expungeAfterSeconds\":0}")))
                .containsExactly(
                        "/unreachableStrategy/inactiveAfterSeconds got -1 seconds, expected 0 seconds or more");
        assertThat(errors(app("\"unreachableStrategy\":{\"inactiveAfterSeconds\":0,\"expungeAfterSeconds\":0}")))
                .as("the reference's defaults are valid").isEmpty();
        assertThat(errors(app("\"unreachableStrategy\":\"disabled\""))).isEmpty();
    }

    @Test
    void constraintsHaveAFieldAKnownOperatorAndTheValueItNeeds() {
        assertThat(errors(app("\"constraints\":[[\"hostname\"],[\"a\",\"UNIQUE\",\"b\",\"c\"]]"))).containsExactly(
                "/constraints(0) Each constraint must have either 2 or 3 fields",
                "/constraints(1) Each constraint must have either 2 or 3 fields");
        assertThat(errors(app("\"constraints\":[[\"\",\"UNIQUE\"]]")))
                .containsExactly("/constraints(0) Missing field and operator");
        assertThat(errors(app("\"constraints\":[[\"hostname\",\"UNIQUE\"],[\"hostname\",\"SOMETIMES\"]]")))
                .containsExactly("/constraints(1) Constraint operator must be one of the following UNIQUE, CLUSTER,"
                        + " GROUP_BY, LIKE, MAX_PER, UNLIKE or IS");
        assertThat(errors(app("\"constraints\":[[\"hostname\",\"UNIQUE\",\"x\"]]")))
                .containsExactly("/constraints(0) Value specified but not used");
        assertThat(errors(app("\"constraints\":[[\"rack\",\"GROUP_BY\",\"three\"]]")))
                .containsExactly("/constraints(0) Value was specified but is not a number");
        assertThat(errors(app("\"constraints\":[[\"rack\",\"MAX_PER\"],[\"rack\",\"MAX_PER\",\"x\"]]")))
                .containsExactly("/constraints(0) Value was not specified or is not a number",
                        "/constraints(1) Value was not specified or is not a number");
        assertThat(errors(app("\"constraints\":[[\"hostname\",\"LIKE\"],[\"hostname\",\"UNLIKE\",\"[a\"]]")))
                .containsExactly("/constraints(0) A regular expression value must be provided",
                        "/constraints(1) '[a' is not a valid regular expression");
        assertThat(errors(app("\"constraints\":[[\"@region\",\"IS\"]]"))).containsExactly("/constraints(0) Missing value");
        assertThat(errors(app("\"constraints\":[[\"rack\",\"CLUSTER\"],[\"rack\",\"CLUSTER\",\"r1\"],"
                + "[\"rack\",\"GROUP_BY\"],[\"@hostname\",\"UNLIKE\",\"a.*\"],[\"ssd\",\"IS\",\"true\"]]"))).isEmpty();
    }

    @Test
    void portDefinitionsHaveValidPortsNamesAndProtocols() {
        assertThat(errors(app("\"portDefinitions\":[{\"port\":70000},{\"port\":-1}]"))).containsExactly(
                "/portDefinitions(0)/port got 70000, expected 65535 or less",
                "/portDefinitions(1)/port got -1, expected 0 or more");
        assertThat(errors(app("\"portDefinitions\":[{\"port\":9000},{\"port\":0},{\"port\":0},{\"port\":9000}]")))
                .containsExactly("/portDefinitions Ports must be unique.");
        assertThat(errors(app("\"portDefinitions\":[{\"port\":0,\"name\":\"a\"},{\"port\":0,\"name\":\"a\"}]")))
                .containsExactly("/portDefinitions Port names must be unique.");
        assertThat(errors(app("\"portDefinitions\":[{\"port\":0,\"name\":\"Http_api\"}]"))).containsExactly(
                "/portDefinitions(0)/name must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'");
        assertThat(errors(app("\"portDefinitions\":[{\"port\":0,\"protocol\":\"sctp\"},"
                + "{\"port\":0,\"protocol\":\"udp,udp\"},{\"port\":0,\"protocol\":\"udp,tcp\"}]"))).containsExactly(
                        "/portDefinitions(0)/protocol is not one of (tcp,udp)",
                        "/portDefinitions(1)/protocol protocols must be unique.");
    }

    @Test
    void containersNeedAnImageTheirEngineSupports() {
        assertThat(errors(app("\"container\":{\"type\":\"DOCKER\"}")))
                .containsExactly("/container/docker not defined");
        assertThat(errors(app("\"container\":{\"docker\":{\"image\":\"\"}}")))
                .containsExactly("/container/docker/image must not be empty");
        assertThat(errors(app("\"container\":{\"type\":\"RKT\"}")))
                .containsExactly("/container/type is not one of (MESOS,DOCKER)");
        assertThat(errors(app("\"container\":{\"docker\":{\"image\":\"x\",\"pullConfig\":{\"secret\":\"s\"}}},"
                + "\"secrets\":{\"s\":{\"source\":\"/config\"}}")))
                .containsExactly("/container/docker/pullConfig pullConfig is not supported with Docker containerizer");
        assertThat(errors(app("\"container\":{\"type\":\"MESOS\",\"docker\":{\"image\":\"x\","
                + "\"pullConfig\":{\"secret\":\"s\"}}}")))
                .containsExactly("/container/docker/pullConfig pullConfig.secret must refer to an existing secret");
        assertThat(errors(app("\"container\":{\"type\":\"MESOS\",\"docker\":{\"image\":\"x\","
                + "\"pullConfig\":{\"secret\":\"s\"}}},\"secrets\":{\"s\":{\"source\":\"/config\"}}"))).isEmpty();
        assertThat(errors(app("\"container\":{\"type\":\"MESOS\",\"docker\":{\"image\":\"x\","
                + "\"credential\":{\"principal\":\"p\"},\"parameters\":[{\"key\":\"k\",\"value\":\"v\"}]}}")))
                .containsExactly("/container/docker/credential must be empty",
                        "/container/docker/parameters must be empty");
        assertThat(errors(app("\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"containerPath\":\"/p\","
                + "\"secret\":\"nope\"}]}")))
                .containsExactly("/container/volumes(0) volume.secret must refer to an existing secret");
    }

    @Test
    void portMappingsHaveValidPortsUniqueNamesAndKnownNetworks() {
        String bridge = "\"networks\":[{\"mode\":\"container/bridge\"}],\"container\":{\"docker\":{\"image\":\"x\"},"
                + "\"portMappings\":";
        assertThat(errors(app(bridge + "[{\"containerPort\":70000,\"hostPort\":-1,\"servicePort\":65536}]}")))
                .containsExactly("/container/portMappings(0)/containerPort got 70000, expected 65535 or less",
                        "/container/portMappings(0)/hostPort got -1, expected 0 or more",
                        "/container/portMappings(0)/servicePort got 65536, expected 65535 or less");
        assertThat(errors(app(bridge + "[{\"containerPort\":80,\"name\":\"web\"},{\"containerPort\":81,"
                + "\"name\":\"web\"}]}"))).containsExactly("/container/portMappings Port names must be unique.");
        String twoNetworks = "\"networks\":[{\"name\":\"one\"},{\"name\":\"two\"}],\"container\":{\"type\":\"MESOS\","
                + "\"portMappings\":";
        assertThat(errors(app(twoNetworks + "[{\"containerPort\":80,\"hostPort\":0}]}"))).containsExactly(
                "/container/portMappings(0) networkNames must be a single item list when hostPort is specified and"
                        + " more than 1 container network is defined");
        assertThat(errors(app(twoNetworks + "[{\"containerPort\":80,\"hostPort\":0,\"networkNames\":[\"three\"]}]}")))
                .containsExactly("/container/portMappings(0)/networkNames(0) is not one of (one,two)");
        assertThat(errors(app(twoNetworks + "[{\"containerPort\":80,\"hostPort\":0,\"networkNames\":[\"two\"]}]}")))
                .isEmpty();
    }

    @Test
    void networksAreOneHostOneBridgeOrNamedContainerNetworks() {
        assertThat(errors(app("\"networks\":[{\"mode\":\"host\"},{\"mode\":\"container/bridge\"}]")))
                .containsExactly("/networks May specify a single host network, single bridge network, or else 1-to-n"
                        + " container networks");
        assertThat(errors(app("\"networks\":[{\"mode\":\"host\",\"name\":\"x\"}]")))
                .containsExactly("/networks Host networks may not have names or labels");
        assertThat(errors(app("\"networks\":[{\"mode\":\"container/bridge\",\"name\":\"x\"}]")))
                .containsExactly("/networks Bridge networks may not have names");
        assertThat(errors(app("\"networks\":[{\"name\":\"a\"},{\"name\":\"a\"}]")))
                .containsExactly("/networks Duplicate networks are not allowed");
        assertThat(errors(app("\"networks\":[{\"mode\":\"overlay\"}]"))).contains(
                "/networks(0)/mode is not one of (container,container/bridge,host)");
        assertThat(errors(app("\"networks\":[{\"name\":\"Bad-\"}]"))).containsExactly(
                "/networks(0)/name must contain only alphanumeric chars or hyphens, and must begin with a letter");
        assertThat(errors(app("\"networks\":[{\"name\":\"" + "n".repeat(64) + "\"}]")))
                .containsExactly("/networks(0)/name got 64, expected less than 64");
        assertThat(errors(app("\"networks\":[{\"name\":\"name_with_underscore\"}]"))).isEmpty();
        assertThat(errors(app("\"networks\":[{\"mode\":\"container\"}]"))).as("dcos is the default network")
                .isEmpty();
        App unnamed = AppNormalization.normalize(read(app("\"networks\":[{\"mode\":\"container\"}]")), PathId.ROOT,
                new AppDefaults("*", List.of("*")));
        assertThat(flat(AppValidation.validate(unnamed)))
                .containsExactly("/networks Network name must be specified when container network is selected.");
        assertThat(errors(app("\"networks\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
                + "\"container\":{\"docker\":{\"image\":\"x\"},\"portMappings\":[]}"))).containsExactly(
                        "/ may only specify a single container network when using the Docker container engine");
    }

    @Test
    void environmentNamesAndSecretReferences() {
        assertThat(errors(app("\"env\":{\"DB\":{\"secret\":\"db\"}}")))
                .containsExactly("/env/DB/secret references an undefined secret");
        assertThat(errors(app("\"env\":{\"DB\":{\"secret\":\"db\"}},\"secrets\":{\"db\":{\"source\":\"/db\"}}")))
                .isEmpty();
        assertThat(errors(app("\"env\":{\"" + "A".repeat(255) + "\":\"x\"}")))
                .containsExactly("/env/" + "A".repeat(255) + " variable name must be 254 chars or less");
        assertThat(errors(app("\"env\":{\"lower-case.any\":\"x\"}"))).as("app env names are legacy: any name")
                .isEmpty();
        assertThat(errors(app("\"secrets\":{\"db\":{\"source\":\"\"}}")))
                .containsExactly("/secrets/db/source must not be empty");
    }

    @Test
    void healthChecksAddressAPortAndUseKnownProtocols() {
        String portIndex = "/healthChecks(0) Health check port indices must address an element of the ports array or"
                + " container port mappings.";
        assertThat(errors(app("\"healthChecks\":[{\"portIndex\":1}]"))).containsExactly(portIndex);
        assertThat(errors(app("\"portDefinitions\":[],\"healthChecks\":[{\"protocol\":\"TCP\"}]")))
                .containsExactly(portIndex);
        assertThat(errors(app("\"portDefinitions\":[],\"healthChecks\":[{\"protocol\":\"MESOS_HTTP\","
                + "\"port\":8080}]"))).isEmpty();
        assertThat(errors(app("\"healthChecks\":[{\"port\":80,\"portIndex\":0}]")))
                .containsExactly("/healthChecks(0) HealthCheck must specify either a port or a portIndex");
        assertThat(errors(app("\"healthChecks\":[{\"protocol\":\"UDP\"}]"))).containsExactly(
                "/healthChecks(0)/protocol is not one of (HTTP,HTTPS,TCP,COMMAND,MESOS_TCP,MESOS_HTTP,MESOS_HTTPS)");
        assertThat(errors(app("\"healthChecks\":[{\"protocol\":\"COMMAND\"}]"))).containsExactly(
                "/healthChecks(0)/command A command is required when using the COMMAND health check protocol.");
        assertThat(errors(app("\"healthChecks\":[{\"intervalSeconds\":-1,\"gracePeriodSeconds\":-2}]")))
                .containsExactly("/healthChecks(0)/gracePeriodSeconds got -2, expected 0 or more",
                        "/healthChecks(0)/intervalSeconds got -1, expected 0 or more");
        assertThat(errors(app("\"healthChecks\":[{\"protocol\":\"MESOS_TCP\"},{\"protocol\":\"MESOS_HTTP\"}]")))
                .containsExactly("/ AppDefinition can contain at most one Mesos health check");
        assertThat(errors(app("\"healthChecks\":[{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}},"
                + "{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}},{\"protocol\":\"MESOS_TCP\"}]")))
                .as("command checks were allowed in numbers before").isEmpty();
    }

    @Test
    void ipv6HealthChecksNeedDockerAndAMesosCheck() {
        String ipv6 = "/healthChecks(0) IPv6 can only be used for container type DOCKER and Mesos http/https/tcp"
                + " health checks";
        assertThat(errors(app("\"healthChecks\":[{\"protocol\":\"MESOS_HTTP\",\"ipProtocol\":\"IPv6\"}]")))
                .containsExactly(ipv6);
        assertThat(errors("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\"}},"
                + "\"healthChecks\":[{\"protocol\":\"HTTP\",\"ipProtocol\":\"IPv6\",\"port\":80}]}"))
                .containsExactly(ipv6);
        assertThat(errors("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\"}},"
                + "\"healthChecks\":[{\"protocol\":\"MESOS_TCP\",\"ipProtocol\":\"IPv6\",\"port\":80}]}")).isEmpty();
    }

    @Test
    void readinessChecksNameAPortAndTimeOutBeforeTheirInterval() {
        String named = "\"portDefinitions\":[{\"port\":0,\"name\":\"http-api\"}],";
        assertThat(errors(app(named + "\"readinessChecks\":[{}]"))).isEmpty();
        assertThat(errors(app("\"readinessChecks\":[{\"portName\":\"web\"}]")))
                .containsExactly("/readinessChecks(0)/portName No port definition reference for portName web");
        assertThat(errors(app(named + "\"readinessChecks\":[{},{}]")))
                .containsExactly("/readinessChecks got 2, expected 1 or less");
        assertThat(errors(app(named + "\"readinessChecks\":[{\"intervalSeconds\":10,\"timeoutSeconds\":10}]")))
                .containsExactly("/readinessChecks(0)/timeoutSeconds got 10, expected less than 10");
        assertThat(errors(app(named + "\"readinessChecks\":[{\"httpStatusCodesForReady\":[42,200,200,1000]}]")))
                .containsExactly("/readinessChecks(0)/httpStatusCodesForReady(0) got 42, expected 100 or more",
                        "/readinessChecks(0)/httpStatusCodesForReady Elements must be unique.",
                        "/readinessChecks(0)/httpStatusCodesForReady(3) got 1000, expected 999 or less");
        assertThat(errors(app(named + "\"readinessChecks\":[{\"protocol\":\"TCP\"}]")))
                .containsExactly("/readinessChecks(0)/protocol is not one of (HTTP,HTTPS)");
    }

    @Test
    void rolesAreMesosRoleNames() {
        assertThat(errors(app("\"role\":\"a b\""))).containsExactly(
                "/role A role name must not include a space (\\x20) character.");
        assertThat(errors(app("\"role\":\"-x\",\"acceptedResourceRoles\":[\"-x\"]")))
                .containsExactly("/role A role name must not start with a '-'.",
                        "/acceptedResourceRoles(0) A role name must not start with a '-'.");
        assertThat(errors(app("\"role\":\"..\""))).containsExactly("/role A role name must not be \"..\".");
        assertThat(errors(app("\"role\":\"eng/web\""))).containsExactly(
                "/role A role name must not include a slash (\\x2f) character.");
        App app = normalized(app("\"role\":\"dev2\""));
        assertThat(AppValidation.validateRole(app, List.of("*", "dev")))
                .containsExactly(Violation.of("/role", "got dev2, expected one of: [*, dev]"));
        assertThat(AppValidation.validateRole(app, List.of("*", "dev2"))).isEmpty();
    }

    @Test
    void acceptedResourceRolesAreTheStarAndTheAppsRole() {
        App app = normalized(app("\"role\":\"dev\""));
        App broad = new App(app.id(), app.cmd(), null, null, null, 1, 1.0, 128.0, 0.0, 0, "", null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, List.of("*", "other"), null, null, null,
                null, null, null, null, null, null, "dev", null, null, null, null, null, null);
        assertThat(flat(AppValidation.validate(broad)))
                .containsExactly("/acceptedResourceRoles acceptedResourceRoles can only contain * and dev");
    }

    @Test
    void residentAppsStayOnTheirVolumes() {
        String volume = "\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"containerPath\":\"data\",\"mode\":\"RW\","
                + "\"persistent\":{\"size\":10}}]}";
        assertThat(errors(app(volume))).isEmpty();
        assertThat(errors(app(volume + ",\"role\":\"*\",\"unreachableStrategy\":{},"
                + "\"upgradeStrategy\":{\"maximumOverCapacity\":0.5},\"acceptedResourceRoles\":[\"*\"]")))
                .containsExactly("/upgradeStrategy/maximumOverCapacity got 0.5, expected 0.0",
                        "/ unreachableStrategy must be disabled for resident tasks",
                        "/role Resident apps cannot have the role *");
    }

    @Test
    void artifactsAreUrisAndStoreUrlsAreUrls() {
        assertThat(errors(app("\"fetch\":[{\"uri\":\"http://example.com/valid\"},{\"uri\":\"d://\\nnot-a-uri\"},"
                + "{\"uri\":\"\"}]"))).containsExactly("/fetch(1)/uri URI has invalid syntax.",
                        "/fetch(2)/uri must not be empty");
        assertThat(errors(app("\"fetch\":[{\"uri\":\"/root/file\"}]"))).isEmpty();
        assertThat(errors(app("\"storeUrls\":[\"http://store/a\",\"foo\"]")))
                .containsExactly("/storeUrls(1) no protocol: foo");
    }

    @Test
    void aBodyTakesItsIdFromThePath() {
        App body = read("{\"id\":\"/other\",\"cmd\":\"sleep\"}");

        App put = AppValidation.withIdFromPath(body, PathId.of("prod//web"));

        assertThat(put.id()).isEqualTo("/prod/web");
        assertThat(put.cmd()).isEqualTo("sleep");
        assertThat(put).isEqualTo(new App("/prod/web", body.cmd(), body.args(), body.user(), body.env(),
                body.instances(), body.cpus(), body.mem(), body.disk(), body.gpus(), body.executor(),
                body.constraints(), body.uris(), body.fetch(), body.storeUrls(), body.backoffSeconds(),
                body.backoffFactor(), body.maxLaunchDelaySeconds(), body.container(), body.healthChecks(),
                body.check(), body.readinessChecks(), body.dependencies(), body.upgradeStrategy(), body.labels(),
                body.acceptedResourceRoles(), body.ipAddress(), body.version(), body.residency(), body.secrets(),
                body.taskKillGracePeriodSeconds(), body.versionInfo(), body.killSelection(),
                body.unreachableStrategy(), body.tty(), body.role(), body.requirePorts(), body.networks(),
                body.portDefinitions(), body.ports(), body.resourceLimits(), body.executorResources()));
    }

    @Test
    void theExceptionCarriesTheViolations() {
        List<Violation> violations = AppValidation.validate(normalized("{\"id\":\"/a\"}"));

        assertThatThrownBy(() -> ValidationException.throwIfAny(violations))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Object is not valid")
                .satisfies(e -> assertThat(((ValidationException) e).violations()).isEqualTo(violations));
        assertThatCode(() -> ValidationException.throwIfAny(List.of())).doesNotThrowAnyException();
    }

    private static String app(String fields) {
        return "{\"id\":\"/app\",\"cmd\":\"sleep 100\"," + fields + "}";
    }

    private static List<String> errors(String json) {
        return flat(AppValidation.validate(normalized(json)));
    }

    /** Each violation message as {@code path message}, in order. */
    static List<String> flat(List<Violation> violations) {
        return violations.stream().flatMap(v -> v.errors().stream().map(e -> v.path() + " " + e)).toList();
    }

    static App normalized(String json) {
        return AppNormalization.normalize(read(json), PathId.ROOT, AppDefaults.DCOS);
    }

    static App read(String json) {
        return MarathonJson.read(json.getBytes(StandardCharsets.UTF_8), App.class);
    }
}
