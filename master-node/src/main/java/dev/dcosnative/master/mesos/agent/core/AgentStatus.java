package dev.dcosnative.master.mesos.agent.core;

/** Where an agent stands with the master, as in the Mesos registry. */
public enum AgentStatus {
    /** Admitted and registered with this master. */
    REGISTERED,
    /** Admitted in the registry, not yet re-registered with the newly elected master. */
    RECOVERED,
    /** Silent longer than the ping timeout allows; may come back and be re-admitted. */
    UNREACHABLE
}
