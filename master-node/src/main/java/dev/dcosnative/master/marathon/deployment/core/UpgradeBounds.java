package dev.dcosnative.master.marathon.deployment.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.shared.marathon.App;

/**
 * What an app's {@code upgradeStrategy} allows while its N instances are replaced (reference §1.4):
 * {@code minimumHealthy} = ceil(N × minimumHealthCapacity) instances stay healthy, at most {@code maximumCapacity} =
 * N + floor(N × maximumOverCapacity) instances exist. Products are taken in decimal, as users write them
 * (10 × 0.7 is 7, not 7.000000000000001).
 *
 * <p>
 * When the two are equal (minimumHealthCapacity 1 with maximumOverCapacity 0, or N = 1 with small fractions), no
 * instance could be replaced without breaking one of them. Marathon then allows one instance over capacity, or, for
 * resident apps, whose instances are bound to their reservations, one healthy instance less.
 * {@code capacityCeiling} and {@code healthyFloor} are the bounds actually enforced.
 */
public record UpgradeBounds(int minimumHealthy, int maximumCapacity, int healthyFloor, int capacityCeiling) {

    public static UpgradeBounds of(App app) {
        int n = DeploymentPlanner.instances(app);
        double minimumHealthCapacity = 1;
        double maximumOverCapacity = 1;
        if (app.upgradeStrategy() != null) {
            if (app.upgradeStrategy().minimumHealthCapacity() != null) {
                minimumHealthCapacity = app.upgradeStrategy().minimumHealthCapacity();
            }
            if (app.upgradeStrategy().maximumOverCapacity() != null) {
                maximumOverCapacity = app.upgradeStrategy().maximumOverCapacity();
            }
        }
        int minimumHealthy = times(n, minimumHealthCapacity, RoundingMode.CEILING);
        int maximumCapacity = n + times(n, maximumOverCapacity, RoundingMode.FLOOR);
        boolean noRoom = minimumHealthy == maximumCapacity;
        boolean resident = isResident(app);
        int floor = noRoom && resident ? Math.max(0, minimumHealthy - 1) : minimumHealthy;
        int ceiling = noRoom && !resident ? maximumCapacity + 1 : maximumCapacity;
        return new UpgradeBounds(minimumHealthy, maximumCapacity, floor, ceiling);
    }

    /** The app keeps persistent volumes: its instances live on reservations and cannot run over capacity. */
    static boolean isResident(App app) {
        if (app.container() == null || app.container().volumes() == null) {
            return false;
        }
        return app.container().volumes().stream().anyMatch(v -> v != null && hasField(v, "persistent"));
    }

    private static boolean hasField(JsonNode node, String field) {
        return node.isObject() && node.hasNonNull(field);
    }

    private static int times(int n, double fraction, RoundingMode rounding) {
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n)).setScale(0, rounding).intValueExact();
    }
}
