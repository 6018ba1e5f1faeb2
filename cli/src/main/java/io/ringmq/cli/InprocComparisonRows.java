package io.ringmq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench}'s inproc comparison: ringmq busy-spinning on two pinned cores and JeroMQ 0.6.0's inproc, measured
 * by {@code io.ringmq.bench.inproc.InprocComparison} in the benchmarks jar (a JVM of its own, so that JeroMQ stays
 * a benchmark-only dependency and the spinning threads do not share a JIT profile with bench's other rows). Its
 * rows join bench's table as {@code inproc/spin} and {@code jeromq/inproc}, and one line below the table gives the
 * ratios to JeroMQ. Without the jar (not built yet) bench says so on that line and exits 0.
 */
final class InprocComparisonRows
{
    private static final String MAIN = "io.ringmq.bench.inproc.InprocComparison";
    private static final long TIMEOUT_S = 300;

    private InprocComparisonRows()
    {
    }

    static void measure(
        final int size, final int messages, final int roundtrips, final List<BenchCommand.Row> rows,
        final List<String> notes) throws IOException, InterruptedException
    {
        final Path root = Path.of(System.getProperty("ringmq.root", "."));
        final Path jar = root.resolve("latency-bench/target/benchmarks.jar");
        if (!Files.isRegularFile(jar))
        {
            notes.add("inproc " + size + " B against JeroMQ: not measured, " + jar + " is not built " +
                "(mvn -pl latency-bench -am package -DskipTests)");
            return;
        }
        final int cpus = Runtime.getRuntime().availableProcessors();
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
        command.add(Integer.toString(size));
        command.add(Integer.toString(messages));
        command.add(Integer.toString(roundtrips));
        command.add("0");
        command.add(Integer.toString(cpus > 1 ? 1 : 0));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line; (line = out.readLine()) != null; )
            {
                lines.add(line);
            }
        }
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            process.destroyForcibly();
            throw CliException.runtime("bench: the inproc comparison (" + MAIN + ") failed");
        }
        double block = 0;
        double spin = 0;
        double jeromq = 0;
        for (final String line : lines)
        {
            // row <contender> <size> <msg/s> <p50 ns> <p99 ns> <p99.9 ns> <max ns>
            final String[] f = line.trim().split("\\s+");
            if (f.length != 8 || !"row".equals(f[0]))
            {
                continue;
            }
            final double msgPerSec = Double.parseDouble(f[3]);
            final long[] latencyNs =
                {Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])};
            switch (f[1])
            {
                case "ringmq-block":
                    block = msgPerSec;
                    break;
                case "ringmq-spin":
                    spin = msgPerSec;
                    rows.add(new BenchCommand.Row("inproc/spin", size, latencyNs, msgPerSec));
                    break;
                case "jeromq":
                    jeromq = msgPerSec;
                    rows.add(new BenchCommand.Row("jeromq/inproc", size, latencyNs, msgPerSec));
                    break;
                default:
                    break;
            }
        }
        if (jeromq <= 0)
        {
            throw CliException.runtime("bench: the inproc comparison printed no JeroMQ row");
        }
        notes.add(String.format(Locale.ROOT,
            "inproc %d B PUSH->PULL vs JeroMQ 0.6.0 (two threads, one process): block %.2fx, busy-spin %.2fx " +
            "(busy-spin and JeroMQ pinned to CPUs 0 and %d)", size, block / jeromq, spin / jeromq, cpus > 1 ? 1 : 0));
    }
}
