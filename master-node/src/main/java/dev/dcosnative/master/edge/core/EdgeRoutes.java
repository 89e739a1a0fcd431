package dev.dcosnative.master.edge.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master's edge routes (Admin Router, reference §7.1): for a request path, what serves it, whether it needs a
 * token, and which ACL the caller must hold ({@code full}). Pure: the edge server carries the answer out.
 * <p>
 * Paths are matched as decoded and normalized; {@link Match#upstreamPath} is the part of the raw path the backend
 * sees (a route's prefix stripped, the rest passed as sent, so {@code %2F} in an IAM rid stays encoded).
 */
public final class EdgeRoutes {

    /** Who must the caller be. */
    public enum Access {
        /** Anyone (login, JWKS, version metadata, the UI's files). */
        OPEN,
        /** Any valid token; the backend decides the rest (IAM). */
        TOKEN,
        /** A valid token whose user holds {@link Match#rid} with action {@code full}. */
        ACL
    }

    /** What serves a route. */
    public sealed interface Target {
        /** The leading master's component port (Mesos, Marathon). */
        record Leader() implements Target {
        }

        /** This master's component port (IAM, which every master serves). */
        record Local() implements Target {
        }

        /** An agent's port, by agent id. */
        record Agent(String agentId) implements Target {
        }

        /** A service by name: a Marathon app labelled {@code DCOS_SERVICE_NAME}, or a framework's web UI. */
        record Service(String name) implements Target {
        }

        /** A document the edge answers itself. */
        record Document(String name) implements Target {
        }

        /** A permanent redirect. */
        record Redirect(String location) implements Target {
        }

        /** A component of DC/OS this cluster does not run (yet). */
        record Unavailable(String component) implements Target {
        }
    }

    /** A matched route: its target, access rule, ACL, and the path to send upstream. */
    public record Match(Target target, Access access, String rid, String upstreamPath) {
    }

    /** The documents the edge answers itself. */
    public static final String UI = "ui";
    public static final String VERSION = "dcos-version";
    public static final String UI_CONFIG = "ui-config";
    public static final String METADATA = "metadata";
    public static final String EXHIBITOR_STATUS = "exhibitor-status";
    public static final String BUILD_INFO = "buildinfo";
    public static final String EDGE_METRICS = "edge-metrics";

    private static final Pattern AGENT = Pattern.compile("^/(?:agent|slave)/([^/]+)(/.*)?$");
    private static final Pattern SERVICE = Pattern.compile("^/service/([^/]+)(/.*)?$");

    private EdgeRoutes() {
    }

    /**
     * Routes a request.
     *
     * @param path the decoded, normalized path ({@code /service/marathon/v2/apps})
     * @param rawPath the path as sent (for the upstream path); must name the same resource
     * @return empty when the raw path does not match the normalized one (a refused, ambiguous request)
     */
    public static Optional<Match> route(String path, String rawPath) {
        if (path.equals("/dcos-metadata/dcos-version.json")) {
            return doc(VERSION, Access.OPEN, null);
        }
        if (path.equals("/dcos-metadata/ui-config.json")) {
            return doc(UI_CONFIG, Access.OPEN, null);
        }
        if (path.startsWith("/acs/api/v1/auth/") || path.equals("/acs/api/v1/auth")) {
            return Optional.of(new Match(new Target.Local(), Access.OPEN, null, rawPath));
        }
        if (path.startsWith("/acs/api/v1/") || path.equals("/acs/api/v1")) {
            return Optional.of(new Match(new Target.Local(), Access.TOKEN, null, rawPath));
        }
        if (path.equals("/mesos") || path.equals("/exhibitor")) {
            return redirect(path + "/");
        }
        if (path.startsWith("/mesos/")) {
            return strip("/mesos", rawPath, new Target.Leader(), "dcos:adminrouter:ops:mesos");
        }
        Matcher agent = AGENT.matcher(path);
        if (agent.matches()) {
            if (agent.group(2) == null) {
                return redirect(path + "/");
            }
            String prefix = path.substring(0, path.length() - agent.group(2).length());
            return strip(prefix, rawPath, new Target.Agent(agent.group(1)), "dcos:adminrouter:ops:slave");
        }
        if (path.equals("/marathon")) {
            return redirect("/service/marathon/");
        }
        if (path.startsWith("/marathon/")) {
            return strip("/marathon", rawPath, new Target.Leader(), "dcos:adminrouter:service:marathon");
        }
        Matcher service = SERVICE.matcher(path);
        if (service.matches() || path.equals("/service")) {
            if (!service.matches()) {
                return Optional.of(new Match(new Target.Unavailable("service"), Access.TOKEN, null, rawPath));
            }
            String name = service.group(1);
            if (service.group(2) == null) {
                return redirect(path + "/");
            }
            String prefix = "/service/" + name;
            String rid = "dcos:adminrouter:service:" + name;
            return switch (name) {
                case "marathon" -> strip(prefix, rawPath, new Target.Leader(), rid);
                case "metronome" -> strip(prefix, rawPath, new Target.Unavailable("Metronome"), rid);
                default -> strip(prefix, rawPath, new Target.Service(name), rid);
            };
        }
        if (path.startsWith("/package/") || path.startsWith("/cosmos/service/") || path.equals("/capabilities")) {
            return acl(new Target.Unavailable("the package manager (Cosmos)"), "dcos:adminrouter:package", rawPath);
        }
        if (path.equals("/exhibitor/exhibitor/v1/cluster/status")) {
            return doc(EXHIBITOR_STATUS, Access.OPEN, null);
        }
        if (path.startsWith("/exhibitor/")) {
            return acl(new Target.Unavailable("Exhibitor's UI"), "dcos:adminrouter:ops:exhibitor", rawPath);
        }
        if (path.startsWith("/mesos_dns/") || path.equals("/mesos_dns")) {
            return acl(new Target.Unavailable("Mesos-DNS"), "dcos:adminrouter:ops:mesos-dns", rawPath);
        }
        if (path.startsWith("/system/health/v1") || path.startsWith("/system/checks/v1")) {
            return acl(new Target.Unavailable("dcos-diagnostics"), "dcos:adminrouter:ops:system-health", rawPath);
        }
        if (path.startsWith("/system/v1/logs")) {
            return acl(new Target.Unavailable("dcos-log"), "dcos:adminrouter:ops:system-logs", rawPath);
        }
        if (path.startsWith("/system/v1/metrics")) {
            return acl(new Target.Unavailable("dcos-metrics"), "dcos:adminrouter:ops:system-metrics", rawPath);
        }
        if (path.startsWith("/system/v1/agent/") || path.startsWith("/system/v1/leader/")) {
            return acl(new Target.Unavailable("the system APIs"), "dcos:adminrouter:ops:system-logs", rawPath);
        }
        if (path.equals("/pkgpanda/active.buildinfo.full.json")) {
            return doc(BUILD_INFO, Access.TOKEN, null);
        }
        if (path.startsWith("/pkgpanda/")) {
            return acl(new Target.Unavailable("pkgpanda"), "dcos:adminrouter:ops:pkgpanda", rawPath);
        }
        if (path.equals("/metadata")) {
            return doc(METADATA, Access.ACL, "dcos:adminrouter:ops:metadata");
        }
        if (path.equals("/nginx/metrics") || path.equals("/nginx/status")) {
            return doc(EDGE_METRICS, Access.OPEN, null);
        }
        if (path.equals("/login")) {
            return redirect("/acs/api/v1/auth/login");
        }
        return doc(UI, Access.OPEN, null);
    }

    private static Optional<Match> doc(String name, Access access, String rid) {
        return Optional.of(new Match(new Target.Document(name), access, rid, null));
    }

    private static Optional<Match> redirect(String location) {
        return Optional.of(new Match(new Target.Redirect(location), Access.OPEN, null, null));
    }

    private static Optional<Match> acl(Target target, String rid, String rawPath) {
        return Optional.of(new Match(target, Access.ACL, rid, rawPath));
    }

    /** The route with its prefix stripped from the raw path; empty when the raw path does not start with it. */
    private static Optional<Match> strip(String prefix, String rawPath, Target target, String rid) {
        if (!rawPath.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        return Optional.of(new Match(target, Access.ACL, rid, rawPath.substring(prefix.length())));
    }
}
