package dev.dcosnative.master.marathon.launch.core;

/**
 * Why an offer could not take (another) instance of an app: Marathon's {@code NoOfferMatchReason} names, as the
 * queue's {@code processedOffersSummary} shows them. The constants are declared in upstream's funnel order
 * ({@code reasonFunnel}): the queue counts a rejected offer under the first of its reasons in this order, so
 * {@link #ordinal()} is that order. {@link #AgentMaintenance}, {@link #NoCorrespondingReservationFound} and
 * {@link #InsufficientNetworkBandwidth} are never produced here (no maintenance windows, resident apps or bandwidth
 * resources yet) but are kept so the summary lists every name upstream lists.
 */
public enum NoMatchReason {
    UnfulfilledRole,
    UnfulfilledConstraint,
    NoCorrespondingReservationFound,
    AgentMaintenance,
    InsufficientCpus,
    InsufficientMemory,
    InsufficientDisk,
    InsufficientGpus,
    InsufficientNetworkBandwidth,
    InsufficientPorts,
    DeclinedScarceResources;

    /** The reason for a scalar resource that falls short ({@code cpus}, {@code mem}, {@code disk}, {@code gpus}). */
    public static NoMatchReason insufficient(String resourceName) {
        return switch (resourceName) {
            case "cpus" -> InsufficientCpus;
            case "mem" -> InsufficientMemory;
            case "disk" -> InsufficientDisk;
            case "gpus" -> InsufficientGpus;
            case "ports" -> InsufficientPorts;
            case "network_bandwidth" -> InsufficientNetworkBandwidth;
            default -> throw new IllegalArgumentException("no reason for resource '" + resourceName + "'");
        };
    }
}
