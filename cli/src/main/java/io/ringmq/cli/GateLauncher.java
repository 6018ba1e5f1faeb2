package io.ringmq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the regression gate ({@code io.ringmq.bench.gate.RegressionGate}, in latency-bench's benchmarks jar, where
 * the architecture puts the gate) in a JVM of its own, with stdout and stderr passed through, and returns its exit
 * status. The gate in turn runs {@code bin/ringmq bench --single-run} once per run and build.
 */
final class GateLauncher
{
    private static final String MAIN = "io.ringmq.bench.gate.RegressionGate";

    private GateLauncher()
    {
    }

    static int launch(final List<String> gateArguments, final List<String> benchArguments)
        throws IOException, InterruptedException
    {
        final Path root = Path.of(System.getProperty("ringmq.root", "."));
        final Path jar = root.resolve("latency-bench/target/benchmarks.jar");
        if (!Files.isRegularFile(jar))
        {
            throw CliException.runtime("bench: the regression gate needs " + jar +
                " (mvn -pl latency-bench -am package -DskipTests)");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final Path options = root.resolve("jvm.options");
        if (Files.isRegularFile(options))
        {
            command.add("@" + options);
        }
        command.add("-cp");
        command.add(jar.toString());
        command.add(MAIN);
        command.add("--home");
        command.add(root.toString());
        command.addAll(gateArguments);
        command.add("--");
        command.addAll(benchArguments);
        final Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor();
    }
}
