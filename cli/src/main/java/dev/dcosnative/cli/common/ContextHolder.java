package dev.dcosnative.cli.common;

/** The root command, which holds the run's {@link CliContext}. */
public interface ContextHolder {
    CliContext context();
}
