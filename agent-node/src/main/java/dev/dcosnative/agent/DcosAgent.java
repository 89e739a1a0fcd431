package dev.dcosnative.agent;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.dcosnative.shared.NodeFlags;

/**
 * {@code dcos-agent} and {@code dcos-agent-public}: Mesos-style flags ({@code --masters=...}) set {@code dcos.agent.*}
 * keys, then it runs.
 */
@QuarkusMain
public final class DcosAgent {

    private DcosAgent() {
    }

    public static void main(String... args) {
        Quarkus.run(NodeFlags.apply("dcos.agent.", args));
    }
}
