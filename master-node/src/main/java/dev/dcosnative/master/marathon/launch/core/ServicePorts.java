package dev.dcosnative.master.marathon.launch.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.PortDefinition;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;

/**
 * Assigns cluster-unique service ports (upstream {@code AssignDynamicServiceLogic}): every port definition with port
 * 0, or port mapping with service port 0 (container networking), gets a port from
 * {@code [local_port_min, local_port_max)} that no other app uses. Ports an app asked for explicitly are kept as they
 * are (they need not be unique nor in the range). When an app is updated, the service ports its previous version had
 * in the range and the new version does not name explicitly are handed out first, so an app re-posted with 0s keeps
 * its ports.
 */
public final class ServicePorts {

    /** The service port range; {@code max} is exclusive, as upstream builds it ({@code Range(min, max)}). */
    public record PortRange(int min, int max) {

        /** Marathon's {@code --local_port_min 10000} / {@code --local_port_max 20000}. */
        public static final PortRange DEFAULT = new PortRange(10000, 20000);

        public PortRange {
            if (min < 1 || max > 65536 || min >= max) {
                throw new IllegalArgumentException("invalid service port range [" + min + "-" + max + ")");
            }
        }

        public boolean contains(int port) {
            return port >= min && port < max;
        }
    }

    /** Every port of the range is in use: the app cannot be given its service ports. */
    public static final class PortRangeExhaustedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PortRangeExhaustedException(PortRange range) {
            super("All ports in the range [" + range.min() + "-" + range.max() + ") are already in use");
        }
    }

    private ServicePorts() {
    }

    /**
     * The app's service ports: its port mappings' service ports when its container has mappings (container
     * networking), else its port definitions' ports. 0 means not assigned yet.
     */
    public static List<Integer> of(App app) {
        List<PortMapping> mappings = mappings(app);
        if (!mappings.isEmpty()) {
            return mappings.stream().map(m -> m.servicePort() == null ? 0 : m.servicePort()).toList();
        }
        return app.portDefinitions() == null ? List.of()
                : app.portDefinitions().stream().map(p -> p.port() == null ? 0 : p.port()).toList();
    }

    /** True when some service port is still 0. */
    public static boolean hasDynamic(App app) {
        return of(app).contains(0);
    }

    /**
     * The app with its 0 service ports assigned.
     *
     * @param previous the app's current version, or {@code null} for a new app
     * @param used the service ports in use by every app, before and after the change (this app's included)
     * @throws PortRangeExhaustedException when the range has no free port left
     */
    public static App assign(App app, App previous, Set<Integer> used, PortRange range) {
        return assign(app, previous, free(used, range), range);
    }

    /**
     * Assigns the service ports of several apps changed together, so that no two get the same port.
     *
     * @param previous the current version of each app by id (absent for new apps)
     */
    public static List<App> assignAll(List<App> apps, Map<String, App> previous, Set<Integer> used,
            PortRange range) {
        Set<Integer> inUse = new HashSet<>(used);
        apps.forEach(a -> inUse.addAll(of(a)));
        previous.values().forEach(a -> inUse.addAll(of(a)));
        Iterator<Integer> free = free(inUse, range);
        List<App> assigned = new ArrayList<>();
        for (App app : apps) {
            assigned.add(assign(app, previous.get(app.id()), free, range));
        }
        return assigned;
    }

    private static App assign(App app, App previous, Iterator<Integer> free, PortRange range) {
        List<Integer> ports = of(app);
        if (!ports.contains(0)) {
            return app;
        }
        List<Integer> reusable = previous == null ? List.of()
                : of(previous).stream().filter(p -> range.contains(p) && !ports.contains(p)).distinct().toList();
        Iterator<Integer> reuse = reusable.iterator();
        List<Integer> assigned = new ArrayList<>();
        for (int port : ports) {
            if (port != 0) {
                assigned.add(port);
            } else if (reuse.hasNext()) {
                assigned.add(reuse.next());
            } else if (free.hasNext()) {
                assigned.add(free.next());
            } else {
                throw new PortRangeExhaustedException(range);
            }
        }
        return withServicePorts(app, assigned);
    }

    /** The free ports of the range, lowest first, handed out once each. */
    private static Iterator<Integer> free(Set<Integer> used, PortRange range) {
        Set<Integer> taken = new HashSet<>(used);
        return new Iterator<>() {
            private int next = range.min();

            @Override
            public boolean hasNext() {
                while (next < range.max() && taken.contains(next)) {
                    next++;
                }
                return next < range.max();
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                taken.add(next);
                return next++;
            }
        };
    }

    private static List<PortMapping> mappings(App app) {
        return app.container() == null || app.container().portMappings() == null ? List.of()
                : app.container().portMappings();
    }

    private static App withServicePorts(App app, List<Integer> ports) {
        List<PortMapping> mappings = mappings(app);
        if (!mappings.isEmpty()) {
            List<PortMapping> updated = new ArrayList<>();
            for (int i = 0; i < mappings.size(); i++) {
                PortMapping m = mappings.get(i);
                updated.add(new PortMapping(m.containerPort(), m.hostPort(), ports.get(i), m.protocol(), m.name(),
                        m.labels(), m.networkNames()));
            }
            AppContainer c = app.container();
            return app.withPorts(
                    new AppContainer(c.type(), c.docker(), updated, c.volumes(), c.linuxInfo()),
                    app.portDefinitions());
        }
        List<PortDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < app.portDefinitions().size(); i++) {
            PortDefinition d = app.portDefinitions().get(i);
            definitions.add(new PortDefinition(ports.get(i), d.protocol(), d.name(), d.labels()));
        }
        return app.withPorts(app.container(), definitions);
    }
}
