package dev.dcosnative.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the built node binaries are, and how they are run. */
public final class Binaries {

    /** The JVM options of test nodes: small heaps, quick start. */
    /** The nodes' JVM options: {@code dcos.it.jvm.options} (it/pom.xml: C1 only for tests, dcos-up's for benchmarks). */
    private static final List<String> JVM_OPTIONS = jvmOptions(System.getProperty("dcos.it.jvm.options",
            "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m"));

    private static List<String> jvmOptions(String configured) {
        List<String> options = new java.util.ArrayList<>(List.of(configured.trim().split("\\s+")));
        options.add("-Dcom.google.protobuf.use_unsafe_pre22_gencode=true");
        return List.copyOf(options);
    }

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
