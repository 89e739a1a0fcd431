package dev.dcosnative.agent;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.arch.PureCoreRules;

/** The agent's pure cores (resource model, backoff) stay framework-free and clock-free. */
class ArchitectureTest {

    @Test
    void coresArePure() {
        PureCoreRules.checkCores("dev.dcosnative.agent");
    }
}
