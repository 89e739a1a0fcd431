package dev.dcosnative.master.edge;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.mesos.MesosMaster;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Where the edge's dynamic routes lead: an agent by id (from the kernel's agents), and a service by name — a Marathon
 * app labelled {@code DCOS_SERVICE_NAME=<name>} (one of its running, healthy tasks, on the port at
 * {@code DCOS_SERVICE_PORT_INDEX}, by {@code DCOS_SERVICE_SCHEME}, the prefix kept when
 * {@code DCOS_SERVICE_REWRITE_REQUEST_URLS=false}), else a framework of that name or id with a web UI. Asked on the
 * leading master.
 */
@ApplicationScoped
public class EdgeTargets {

    /** A backend address. */
    public record Backend(String host, int port, boolean tls) {
    }

    /** A resolved target: where to, under which base path, and whether the route's prefix stays in the path. */
    public record Resolved(Backend backend, String basePath, boolean keepPrefix) {
    }

    private final MesosMaster master;
    private final Marathon marathon;

    public EdgeTargets(MesosMaster master, Marathon marathon) {
        this.master = master;
        this.marathon = marathon;
    }

    public Uni<Optional<Resolved>> agent(String agentId) {
        return master.agentAddress(agentId).map(address -> address.map(a -> {
            int colon = a.lastIndexOf(':');
            return new Resolved(new Backend(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)), false),
                    "", false);
        }));
    }

    public Uni<Optional<Resolved>> service(String name) {
        Uni<Optional<Resolved>> fromMarathon = marathon.ready()
                ? marathon.ask(state -> {
                    for (App app : state.apps().values()) {
                        Map<String, String> labels = app.labels() == null ? Map.of() : app.labels();
                        if (!name.equals(labels.get("DCOS_SERVICE_NAME"))) {
                            continue;
                        }
                        int index = parse(labels.get("DCOS_SERVICE_PORT_INDEX"));
                        boolean checked = app.healthChecks() != null && !app.healthChecks().isEmpty();
                        List<Instance> serving = state.instancesOf(PathId.of(app.id())).stream()
                                .filter(i -> i.isHealthy(checked) && i.hostPorts().size() > index).toList();
                        if (serving.isEmpty()) {
                            return Optional.<Resolved> empty();
                        }
                        Instance chosen = serving.get(ThreadLocalRandom.current().nextInt(serving.size()));
                        boolean tls = "https".equalsIgnoreCase(labels.get("DCOS_SERVICE_SCHEME"));
                        boolean keep = "false".equalsIgnoreCase(labels.get("DCOS_SERVICE_REWRITE_REQUEST_URLS"));
                        return Optional.of(new Resolved(new Backend(chosen.agent().hostname(),
                                chosen.hostPorts().get(index), tls), "", keep));
                    }
                    return Optional.<Resolved> empty();
                })
                : Uni.createFrom().item(Optional.<Resolved> empty());
        return fromMarathon.chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                : master.frameworkWebUi(name).map(url -> url.flatMap(EdgeTargets::fromUrl)));
    }

    private static Optional<Resolved> fromUrl(String url) {
        try {
            URI uri = URI.create(url);
            boolean tls = "https".equals(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            String base = uri.getRawPath() == null || uri.getRawPath().equals("/") ? ""
                    : uri.getRawPath()
                            .replaceAll("/$", "");
            return Optional.of(new Resolved(new Backend(uri.getHost(), port, tls), base, false));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int parse(String index) {
        try {
            return index == null ? 0 : Math.max(0, Integer.parseInt(index));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
