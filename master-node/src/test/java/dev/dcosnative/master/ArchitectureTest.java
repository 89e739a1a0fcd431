package dev.dcosnative.master;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.arch.PureCoreRules;

/** The master's pure cores (agent book, ensemble, state views) stay framework-free and clock-free. */
class ArchitectureTest {

    @Test
    void coresArePure() {
        PureCoreRules.checkCores("dev.dcosnative.master");
    }
}
