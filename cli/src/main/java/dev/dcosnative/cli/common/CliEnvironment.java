package dev.dcosnative.cli.common;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from its surroundings: environment variables, the home directory, standard input and the
 * terminal. {@link #system()} is the real one; tests pass their own.
 */
public interface CliEnvironment {

    /**
     * An environment variable such as {@code DCOS_URL}. The real environment also answers a Java system property of
     * the same name first, so an embedding JVM (or a test) can set one without a child process.
     */
    Optional<String> get(String name);

    /** The user's home directory (where {@code .dcos} lives unless {@code DCOS_DIR} says otherwise). */
    Path home();

    /** Standard input, for documents piped in ({@code dcos marathon app add < app.json}). */
    InputStream stdin();

    /** The interactive terminal, when both standard input and output are one; empty otherwise. */
    Optional<Console> console();

    /** The process' environment, system properties first. */
    static CliEnvironment system() {
        return new CliEnvironment() {
            @Override
            public Optional<String> get(String name) {
                String value = System.getProperty(name);
                if (value == null) {
                    value = System.getenv(name);
                }
                return Optional.ofNullable(value).filter(v -> !v.isEmpty());
            }

            @Override
            public Path home() {
                return Path.of(System.getProperty("user.home"));
            }

            @Override
            public InputStream stdin() {
                return System.in;
            }

            @Override
            public Optional<Console> console() {
                return Optional.ofNullable(System.console());
            }
        };
    }

    /** A fixed environment: the given variables, home directory and input, no terminal. */
    static CliEnvironment of(Map<String, String> variables, Path home, InputStream stdin) {
        return new CliEnvironment() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
            }

            @Override
            public Path home() {
                return home;
            }

            @Override
            public InputStream stdin() {
                return stdin;
            }

            @Override
            public Optional<Console> console() {
                return Optional.empty();
            }
        };
    }
}
