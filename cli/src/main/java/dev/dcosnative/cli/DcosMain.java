package dev.dcosnative.cli;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.dcosnative.cli.common.CliContext;
import dev.dcosnative.cli.common.CliEnvironment;

import picocli.CommandLine;

/** The process' entry point: one command line per run; its exit code is the process'. */
@QuarkusMain
public class DcosMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return Cli.commandLine(factory, new CliContext(CliEnvironment.system())).execute(args);
    }
}
