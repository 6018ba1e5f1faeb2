package io.ringmq.bench.gate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ringmq build the gate measures, reached only through its {@code bin/ringmq}: each run is a fresh JVM
 * ({@code bench --single-run}), so runs are independent samples (JIT decisions and heap layout differ per JVM, and
 * that spread is part of what the test must see), and both builds are measured the same way whichever is ours.
 */
final class BuildUnderTest
{
    private static final long RUN_TIMEOUT_S = 600;

    private final String name;
    private final Path home;
    private final BuildSamples samples;

    BuildUnderTest(final String name, final Path home, final BuildSamples samples)
    {
        this.name = name;
        this.home = home;
        this.samples = samples;
    }

    String name()
    {
        return name;
    }

    Path home()
    {
        return home;
    }

    BuildSamples samples()
    {
        return samples;
    }

    /**
     * Measures every scenario once and adds the results to {@link #samples()}.
     */
    void runOnce() throws IOException, InterruptedException
    {
        final Path launcher = home.resolve("bin/ringmq");
        if (!Files.isExecutable(launcher))
        {
            throw new IllegalArgumentException(launcher + " is not an executable ringmq launcher");
        }
        final List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.add("bench");
        command.add("--single-run");
        command.addAll(samples.runArguments());
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line; (line = out.readLine()) != null; )
            {
                lines.add(line);
            }
        }
        if (!process.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException(name + " (" + home + "): a run took over " + RUN_TIMEOUT_S + " s");
        }
        if (process.exitValue() != 0 || SingleRunLines.parseInto(lines, samples) == 0)
        {
            throw new IllegalStateException(name + " (" + home + "): 'bin/ringmq bench --single-run' exited " +
                process.exitValue() + " and reported no scenario (a build without the regression gate?)");
        }
    }
}
