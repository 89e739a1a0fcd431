package dev.dcosnative.master.marathon.app.core;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.Artifact;
import dev.dcosnative.shared.marathon.App.UpgradeStrategy;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.EnvValue;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.UnreachableStrategy;

/**
 * Marathon's semantic validation of an app definition ({@code AppValidation.scala}, the validators of
 * {@code AppDefinition.scala} and the RAML bounds of {@code app.raml}), as a pure function: the violations of an app
 * that has been through {@link AppNormalization#normalize}, with Marathon's paths and messages, in the order found.
 * An empty list means the app is valid. Rules that need the rest of the tree (an app id equal to a group id,
 * dependency cycles) are in {@link GroupValidation}; the roles a group allows are checked by {@link #validateRole}.
 */
public final class AppValidation {

    /** Marathon's executor rule: empty, {@code //cmd}, or a path. */
    static final Pattern EXECUTOR = Pattern.compile("^(//cmd)|(/?[^/]+(/[^/]+)*)|$");

    static final String CMD_ARGS_OR_CONTAINER = "AppDefinition must either contain one of 'cmd' or 'args', and/or a"
            + " 'container'.";
    static final String RESERVED_KEYWORDS = "must not end with any of the following reserved keywords: "
            + String.join(", ", PathId.RESERVED);
    static final String GPU_WITH_DOCKER = "GPU resources only work with the Mesos containerizer";
    static final String MIGRATION_API = "DCOS_PACKAGE_FRAMEWORK_NAME and DCOS_MIGRATION_API_PATH must be defined"
            + " when using DCOS_MIGRATION_API_VERSION";
    static final String SINGLE_INSTANCE = "Single instance app may only have one instance";
    static final String RESIDENT_UNREACHABLE = "unreachableStrategy must be disabled for resident tasks";
    static final String RESIDENT_ACCEPTED_ROLES = "A resident app must have `acceptedResourceRoles = [\"*\"]`.";
    static final String RESIDENT_ROLE = "Resident apps cannot have the role *";
    static final String UNDEFINED_SECRET = "references an undefined secret";
    static final String ENV_NAME_TOO_LONG = "variable name must be 254 chars or less";
    static final String INVALID_URI = "URI has invalid syntax.";

    static final String LABEL_SINGLE_INSTANCE = "MARATHON_SINGLE_INSTANCE_APP";
    static final String LABEL_MIGRATION_API_VERSION = "DCOS_MIGRATION_API_VERSION";
    static final String LABEL_MIGRATION_API_PATH = "DCOS_MIGRATION_API_PATH";
    static final String LABEL_PACKAGE_FRAMEWORK_NAME = "DCOS_PACKAGE_FRAMEWORK_NAME";

    private AppValidation() {
    }

    /** The violations of a normalized app; empty when it is valid. */
    public static List<Violation> validate(App app) {
        Violations violations = new Violations();
        id(app, violations);
        command(app, violations);
        resources(app, violations);
        environment(app, violations);
        artifacts(app, violations);
        ContainerRules.container(app, violations);
        ContainerRules.networks(app, violations);
        ContainerRules.portDefinitions(app, violations);
        CheckRules.healthChecks(app, violations);
        CheckRules.readinessChecks(app, violations);
        ConstraintRules.constraints(app.constraints(), violations);
        backoff(app, violations);
        upgradeStrategy(app, violations);
        unreachableStrategy(app, violations);
        labels(app, violations);
        roles(app, violations);
        dependencies(app, violations);
        return violations.toList();
    }

    /**
     * Marathon 1.9's role enforcement: the app's role must be one the tree allows for it (the default role, the
     * top-level group's name when that group enforces its role, the role the app already had). The caller knows the
     * tree; the message lists the roles in the order given: {@code got dev2, expected one of: [*, dev]}.
     */
    public static List<Violation> validateRole(App app, Collection<String> validRoles) {
        if (app.role() == null || validRoles.contains(app.role())) {
            return List.of();
        }
        return List.of(Violation.of("/role",
                "got " + app.role() + ", expected one of: [" + String.join(", ", validRoles) + "]"));
    }

    /**
     * The body of {@code PUT} or {@code PATCH /v2/apps/{id}} with the id taken from the path. Marathon never rejects a
     * body whose id differs from the path: for a full replacement it overwrites the body's id with the path's, for a
     * partial update it ignores the body's id. Call this before {@link AppNormalization#normalize}.
     */
    public static App withIdFromPath(App body, PathId path) {
        return body.withId(path.canonical().toString());
    }

    /**
     * The messages of Marathon's path id rules for one id: each segment matches {@link PathId#SEGMENT}, and (for app
     * ids and dependencies, not for group ids) the last segment is not a reserved word.
     */
    static List<String> pathIdErrors(PathId id, boolean checkReserved) {
        List<String> errors = new ArrayList<>();
        if (!id.hasValidSegments()) {
            errors.add(Messages.fullyMatch(PathId.SEGMENT));
        }
        if (checkReserved && PathId.RESERVED.contains(id.name())) {
            errors.add(RESERVED_KEYWORDS);
        }
        return errors;
    }

    private static void id(App app, Violations violations) {
        PathId id = PathId.of(app.id() == null ? "" : app.id());
        pathIdErrors(id, true).forEach(error -> violations.add("/id", error));
        if (!id.absolute()) {
            violations.add("/id", "Path needs to be absolute");
        }
        if (id.isRoot()) {
            violations.add("/id", "Path must contain at least one path element");
            violations.add("/", "must not be root");
        }
    }

    private static void dependencies(App app, Violations violations) {
        List<String> dependencies = list(app.dependencies());
        for (int i = 0; i < dependencies.size(); i++) {
            String path = "/dependencies(" + i + ")";
            pathIdErrors(PathId.of(dependencies.get(i)), true).forEach(error -> violations.add(path, error));
        }
    }

    /** Exactly one of cmd and args, or an image to run; and upstream's cmd length rule (which is {@code > 1}). */
    private static void command(App app, Violations violations) {
        boolean cmd = app.cmd() != null;
        boolean args = !list(app.args()).isEmpty();
        AppContainer container = app.container();
        boolean image = container != null && container.docker() != null
                && ("DOCKER".equals(container.type()) || "MESOS".equals(container.type()));
        if (!((cmd ^ args) || (!(cmd && args) && image))) {
            violations.add("/", CMD_ARGS_OR_CONTAINER);
        }
        if (cmd && app.cmd().length() <= 1) {
            violations.add("/", "must not be an empty string");
        }
        if (app.executor() != null && !EXECUTOR.matcher(app.executor()).matches()) {
            violations.add("/executor", Messages.fullyMatch(EXECUTOR));
        }
    }

    private static void resources(App app, Violations violations) {
        atLeast(violations, "/instances", app.instances(), 0);
        atLeast(violations, "/cpus", app.cpus(), 0.001);
        atLeast(violations, "/mem", app.mem(), 0.0);
        atLeast(violations, "/disk", app.disk(), 0.0);
        atLeast(violations, "/gpus", app.gpus(), 0);
        if (app.gpus() != null && app.gpus() > 0 && app.container() != null
                && "DOCKER".equals(app.container().type())) {
            violations.add("/", GPU_WITH_DOCKER);
        }
        JsonNode limits = app.resourceLimits();
        if (limits != null && limits.isObject()) {
            resourceLimit(violations, "cpus", limits.get("cpus"), app.cpus());
            resourceLimit(violations, "mem", limits.get("mem"), app.mem());
        }
    }

    /** A limit is {@code "unlimited"} or a number at least the request ({@code /resourceLimits/mem}). */
    private static void resourceLimit(Violations violations, String field, JsonNode limit, Double requested) {
        if (limit == null || limit.isNull()) {
            return;
        }
        String path = "/resourceLimits/" + field;
        if (limit.isNumber()) {
            if (requested != null && limit.doubleValue() < requested) {
                violations.add(path,
                        "resource limit must be greater than or equal to requested resource (" + requested + ")");
            }
        } else if (!(limit.isTextual() && limit.textValue().equals("unlimited"))) {
            violations.add(path,
                    "'" + limit.asText() + "' is an invalid resource limit. It must be 'unlimited' or a number");
        }
    }

    private static void environment(App app, Violations violations) {
        Map<String, JsonNode> secrets = app.secrets() == null ? Map.of() : app.secrets();
        for (Map.Entry<String, EnvValue> entry : map(app.env()).entrySet()) {
            String name = entry.getKey();
            String path = "/env/" + name;
            if (name.isEmpty()) {
                violations.add(path, Messages.NOT_EMPTY);
            }
            if (name.length() >= 255) {
                violations.add(path, ENV_NAME_TOO_LONG);
            }
            EnvValue value = entry.getValue();
            if (value != null && value.isSecret() && !secrets.containsKey(value.secret())) {
                violations.add(path + "/secret", UNDEFINED_SECRET);
            }
        }
        for (Map.Entry<String, JsonNode> secret : secrets.entrySet()) {
            if (secret.getKey().isEmpty()) {
                violations.add("/secrets", Messages.NOT_EMPTY);
            }
            JsonNode source = secret.getValue() == null ? null : secret.getValue().get("source");
            if (source == null || !source.isTextual() || source.textValue().isEmpty()) {
                violations.add("/secrets/" + secret.getKey() + "/source", Messages.NOT_EMPTY);
            }
        }
    }

    private static void artifacts(App app, Violations violations) {
        List<Artifact> fetch = list(app.fetch());
        for (int i = 0; i < fetch.size(); i++) {
            String uri = fetch.get(i).uri();
            String path = "/fetch(" + i + ")/uri";
            if (uri == null || uri.isEmpty()) {
                violations.add(path, Messages.NOT_EMPTY);
            } else if (!isUri(uri)) {
                violations.add(path, INVALID_URI);
            }
        }
        List<String> storeUrls = list(app.storeUrls());
        for (int i = 0; i < storeUrls.size(); i++) {
            String message = urlError(storeUrls.get(i));
            if (message != null) {
                violations.add("/storeUrls(" + i + ")", message);
            }
        }
    }

    private static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The JDK's complaint about a URL, which is what Marathon answers with; null for a good URL. */
    @SuppressWarnings("deprecation")
    private static String urlError(String url) {
        try {
            new URL(url);
            return null;
        } catch (MalformedURLException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static void backoff(App app, Violations violations) {
        atLeast(violations, "/backoffSeconds", app.backoffSeconds(), 0);
        atLeast(violations, "/backoffFactor", app.backoffFactor(), 1.0);
        atLeast(violations, "/maxLaunchDelaySeconds", app.maxLaunchDelaySeconds(), 0);
        atLeast(violations, "/taskKillGracePeriodSeconds", app.taskKillGracePeriodSeconds(), 0);
    }

    /** Both capacities in [0, 1]; single-instance apps must use 0/0, resident apps a maximumOverCapacity of 0. */
    private static void upgradeStrategy(App app, Violations violations) {
        UpgradeStrategy strategy = app.upgradeStrategy();
        if (strategy == null) {
            return;
        }
        Double minimum = strategy.minimumHealthCapacity();
        Double maximum = strategy.maximumOverCapacity();
        String minimumPath = "/upgradeStrategy/minimumHealthCapacity";
        String maximumPath = "/upgradeStrategy/maximumOverCapacity";
        if (minimum != null && (minimum < 0 || minimum > 1)) {
            violations.add(minimumPath, Messages.between(minimum, 0.0, 1.0));
        }
        if (maximum != null && (maximum < 0 || maximum > 1)) {
            violations.add(maximumPath, Messages.between(maximum, 0.0, 1.0));
        }
        if (isSingleInstance(app)) {
            equalsZero(violations, minimumPath, minimum);
            equalsZero(violations, maximumPath, maximum);
        }
        if (AppNormalization.isResident(app)) {
            equalsZero(violations, maximumPath, maximum);
        }
    }

    private static void equalsZero(Violations violations, String path, Double value) {
        if (value != null && value != 0.0) {
            violations.add(path, Messages.equalTo(value, 0.0));
        }
    }

    /**
     * The reference's rule ({@code inactive ≤ expunge}, both at least 0, defaults 0/0), which is laxer than upstream
     * Marathon's ({@code inactiveAfterSeconds ≥ 1} and strictly less than {@code expungeAfterSeconds}); the wording is
     * upstream's, with its durations in seconds. Resident apps must disable it.
     */
    private static void unreachableStrategy(App app, Violations violations) {
        UnreachableStrategy strategy = app.unreachableStrategy();
        if (strategy == null) {
            return;
        }
        if (!strategy.disabled()) {
            Long inactive = strategy.inactiveAfterSeconds();
            Long expunge = strategy.expungeAfterSeconds();
            String inactivePath = "/unreachableStrategy/inactiveAfterSeconds";
            if (inactive != null && inactive < 0) {
                violations.add(inactivePath, Messages.atLeast(Messages.seconds(inactive), Messages.seconds(0)));
            }
            if (expunge != null && expunge < 0) {
                violations.add("/unreachableStrategy/expungeAfterSeconds",
                        Messages.atLeast(Messages.seconds(expunge), Messages.seconds(0)));
            }
            if (inactive != null && expunge != null && inactive > expunge) {
                violations.add(inactivePath, Messages.atMost(Messages.seconds(inactive), Messages.seconds(expunge)));
            }
        }
        if (AppNormalization.isResident(app) && !strategy.disabled()) {
            violations.add("/", RESIDENT_UNREACHABLE);
        }
    }

    /** The labels Marathon gives a meaning: the DC/OS migration API triple and the single-instance marker. */
    private static void labels(App app, Violations violations) {
        Map<String, String> labels = map(app.labels());
        String migrationVersion = labels.get(LABEL_MIGRATION_API_VERSION);
        if (migrationVersion != null && !migrationVersion.isEmpty()
                && !(migrationVersion.equals("v1") && nonEmpty(labels.get(LABEL_PACKAGE_FRAMEWORK_NAME))
                        && nonEmpty(labels.get(LABEL_MIGRATION_API_PATH)))) {
            violations.add("/", MIGRATION_API);
        }
        if (isSingleInstance(app) && app.instances() != null && app.instances() > 1) {
            violations.add("/", SINGLE_INSTANCE);
        }
    }

    /**
     * The app's role is a valid Mesos role name; the accepted resource roles are valid role names, not empty, and
     * only {@code *} or the app's role (what Marathon 1.9 leaves after sanitizing them); resident apps must accept
     * only {@code *} and must not run as {@code *}.
     */
    private static void roles(App app, Violations violations) {
        if (app.role() != null) {
            RoleRules.roleNameErrors(app.role()).forEach(error -> violations.add("/role", error));
            if (AppNormalization.isResident(app) && app.role().equals("*")) {
                violations.add("/role", RESIDENT_ROLE);
            }
        }
        List<String> accepted = app.acceptedResourceRoles();
        if (accepted == null) {
            return;
        }
        if (accepted.isEmpty()) {
            violations.add("/acceptedResourceRoles", Messages.NOT_EMPTY);
        }
        for (int i = 0; i < accepted.size(); i++) {
            String path = "/acceptedResourceRoles(" + i + ")";
            RoleRules.roleNameErrors(accepted.get(i)).forEach(error -> violations.add(path, error));
        }
        if (app.role() != null && accepted.stream().anyMatch(r -> !r.equals("*") && !r.equals(app.role()))) {
            violations.add("/acceptedResourceRoles", app.role().equals("*")
                    ? "acceptedResourceRoles can only contain *"
                    : "acceptedResourceRoles can only contain * and " + app.role());
        }
        if (AppNormalization.isResident(app) && !accepted.equals(List.of("*"))) {
            violations.add("/acceptedResourceRoles", RESIDENT_ACCEPTED_ROLES);
        }
    }

    static boolean isSingleInstance(App app) {
        return "true".equals(map(app.labels()).get(LABEL_SINGLE_INSTANCE));
    }

    static void atLeast(Violations violations, String path, Integer value, int bound) {
        if (value != null && value < bound) {
            violations.add(path, Messages.atLeast(value, bound));
        }
    }

    static void atLeast(Violations violations, String path, Double value, double bound) {
        if (value != null && value < bound) {
            violations.add(path, Messages.atLeast(value, bound));
        }
    }

    /** A port number in 0..65535 (RAML's {@code AnyPort}). */
    static void port(Violations violations, String path, Integer port) {
        atLeast(violations, path, port, 0);
        if (port != null && port > 65535) {
            violations.add(path, Messages.atMost(port, 65535));
        }
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
