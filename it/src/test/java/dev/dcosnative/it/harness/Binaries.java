package dev.dcosnative.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the built node binaries are, and how they are run. */
public final class Binaries {

    /** The JVM options of test nodes: small heaps, quick start. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true");

    private Binaries() {
    }

    public static Path root() {
        return Path.of(System.getProperty("dcos.it.root", "..")).toAbsolutePath().normalize();
    }

    public static Path master() {
        return jar("master-node");
    }

    public static Path agent() {
        return jar("agent-node");
    }

    public static Path publicAgent() {
        return jar("public-agent");
    }

    public static String java() {
        return System.getProperty("dcos.it.jvm", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static List<String> jvmOptions() {
        return JVM_OPTIONS;
    }

    private static Path jar(String module) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -DskipTests)");
        }
        return jar;
    }
}
