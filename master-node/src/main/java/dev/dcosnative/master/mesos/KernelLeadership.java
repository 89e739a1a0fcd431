package dev.dcosnative.master.mesos;

/**
 * Fired (CDI, synchronously on the master actor) when this master's kernel starts leading — elected and recovered,
 * ready to take framework subscriptions — and when it stops leading. The frameworks that run inside the master
 * (Marathon, Metronome) start and stop with it; observers must not block.
 */
public record KernelLeadership(boolean leading) {
}
