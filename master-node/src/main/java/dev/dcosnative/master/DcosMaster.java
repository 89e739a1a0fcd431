package dev.dcosnative.master;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.dcosnative.shared.NodeFlags;

/** {@code dcos-master}: Mesos-style flags ({@code --work_dir=...}) set {@code dcos.master.*} keys, then it runs. */
@QuarkusMain
public final class DcosMaster {

    private DcosMaster() {
    }

    public static void main(String... args) {
        Quarkus.run(NodeFlags.apply("dcos.master.", args));
    }
}
