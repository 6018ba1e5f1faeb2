package io.ringmq.cli;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.WaitStrategy;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ringmq bench}: the one-command tour. Measures round trips (REQ/REP) and PUSH→PULL throughput for each
 * transport and size in this process (each side on its own context and I/O thread, block strategy, so it is fair
 * to a shared machine), and prints one table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure ringmq on this machine and print one table (round-trip percentiles, PUSH->PULL msg/s).")
final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--transports", paramLabel = "LIST", description = "Any of tcp,ipc,inproc (default all three).")
    String transports = "tcp,ipc,inproc";

    @Option(names = "--sizes", paramLabel = "LIST", description = "Message sizes in bytes (default 64,1024).")
    String sizes = "64,1024";

    @Option(names = "--count", paramLabel = "N",
        description = "Round trips per latency row (default 10000); throughput sends 20 times as many.")
    String count = "10000";

    @Option(names = "--curve", negatable = true,
        description = "Add tcp at 64 bytes with CURVE (default on when CURVE is built).")
    Boolean curve;

    @Option(names = "--hgrm-dir", paramLabel = "DIR",
        description = "Write each row's round-trip distribution as an .hgrm file there.")
    String hgrmDir;

    @Option(names = "--rate", paramLabel = "N",
        description = "Paced round trips: N per second on a fixed schedule, each timed from when it was due " +
            "(default: closed loop, each timed from its own send).")
    String rate;

    @Option(names = "--save", paramLabel = "FILE",
        description = "Repeat the runs (--runs) and save every histogram and msg/s, with the machine, to FILE.")
    String save;

    @Option(names = "--baseline", paramLabel = "FILE",
        description = "Repeat the runs and compare them with FILE (written by --save); exit 1 when slower.")
    String baseline;

    @Option(names = "--against", paramLabel = "RINGMQ_HOME",
        description = "Repeat the runs of this build and of the one in RINGMQ_HOME, alternating; exit 1 when slower.")
    String against;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per build and scenario for the gate (default 10).")
    String runs = "10";

    @Option(names = "--min-effect", paramLabel = "PCT",
        description = "The smallest change the gate calls faster or slower (default 5).")
    String minEffect = "5";

    @Option(names = "--plot", paramLabel = "DIR",
        description = "Write SVG plots (percentiles per scenario, throughput) and merged .hgrm files into DIR.")
    String plot;

    /** One run of every scenario, printed for the gate (one {@code sample} line each); not for people. */
    @Option(names = "--single-run", hidden = true)
    boolean singleRun;

    @Option(names = "--debug", description = "Stack traces on errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    /** A progress line on stderr when it is a terminal, never in a gate's single run (the gate draws its own). */
    private boolean progress;

    public Integer call() throws Exception
    {
        progress = !singleRun && stderrIsTerminal();
        final int roundtrips = Numbers.positive("--count", count);
        final long periodNs = RoundTripLoop.periodOf(rate == null ? 0 : Numbers.positive("--rate", rate));
        if (!singleRun && (save != null || baseline != null || against != null || plot != null))
        {
            return runGate();
        }
        final List<String> transportList = new ArrayList<>();
        for (final String transport : transports.split(","))
        {
            final String t = transport.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("tcp") && !t.equals("ipc") && !t.equals("inproc"))
            {
                throw CliException.usage("unknown transport in --transports: '" + transport + "'");
            }
            transportList.add(t);
        }
        final List<Integer> sizeList = new ArrayList<>();
        for (final String size : sizes.split(","))
        {
            sizeList.add(Numbers.nonNegative("--sizes", size));
        }
        if (hgrmDir != null)
        {
            Files.createDirectories(Path.of(hgrmDir));
        }
        final List<Row> rows = new ArrayList<>();
        for (final String transport : transportList)
        {
            for (final int size : sizeList)
            {
                rows.add(new Row(transport, size, false));
            }
        }
        if (!Boolean.FALSE.equals(curve) && BenchSecurity.AVAILABLE)
        {
            rows.add(new Row("tcp", 64, true));
        }
        final Path ipcDir = Files.createTempDirectory("ringmq-bench");
        try
        {
            for (int i = 0; i < rows.size(); i++)
            {
                final Row row = rows.get(i);
                progress("[" + (i + 1) + "/" + rows.size() + "] " + row.label() + ": round trips");
                row.latency(measureLatency(row, roundtrips, periodNs, ipcDir));
                progress("[" + (i + 1) + "/" + rows.size() + "] " + row.label() + ": throughput");
                row.throughput = measureThroughput(row, roundtrips * 20, ipcDir);
                if (singleRun)
                {
                    System.out.printf(Locale.ROOT, "sample %s %.1f %s%n", row.scenario(), row.throughput,
                        encode(row.latency));
                }
                else if (hgrmDir != null)
                {
                    try (PrintStream file = new PrintStream(Path.of(hgrmDir, row.fileName()).toFile()))
                    {
                        row.latency.outputPercentileDistribution(file, 1000.0);
                    }
                }
            }
        }
        finally
        {
            if (progress)
            {
                System.err.print("\r\033[K");
                System.err.flush();
            }
            deleteQuietly(ipcDir);
        }
        if (singleRun)
        {
            System.out.flush();
            return 0;
        }
        final List<String> notes = new ArrayList<>();
        if (transportList.contains("inproc"))
        {
            for (final int size : sizeList)
            {
                progress("inproc " + size + " B: busy-spin and JeroMQ");
                InprocComparisonRows.measure(size, roundtrips * 20, roundtrips, rows, notes);
            }
            if (progress)
            {
                System.err.print("\r\033[K");
                System.err.flush();
            }
        }
        print(rows, roundtrips, rate);
        notes.forEach(System.out::println);
        System.out.flush();
        return 0;
    }

    /**
     * JDK 17 cannot ask whether stderr alone is a terminal: on Linux, look where file descriptor 2 points; elsewhere
     * fall back to the console (both stdin and stdout are terminals).
     */
    /**
     * {@code --save}, {@code --baseline}, {@code --against}, {@code --plot}: checks the gate's options here, so a
     * usage error is exit 2 with one line as everywhere else, then hands over to {@link GateLauncher}.
     */
    private int runGate() throws Exception
    {
        final List<String> gate = new ArrayList<>();
        final int runCount = Numbers.positive("--runs", runs);
        if (runCount < 2 && (baseline != null || against != null))
        {
            throw CliException.usage("--runs must be at least 2 to compare: '" + runs + "'");
        }
        final double effect = Numbers.decimal("--min-effect", minEffect);
        if (effect < 0)
        {
            throw CliException.usage("--min-effect must not be negative: '" + minEffect + "'");
        }
        gate.addAll(List.of("--runs", Integer.toString(runCount), "--min-effect", Double.toString(effect)));
        if (baseline != null)
        {
            if (!Files.isRegularFile(Path.of(baseline)))
            {
                throw CliException.usage("--baseline: no such file: '" + baseline + "'");
            }
            gate.addAll(List.of("--baseline", Path.of(baseline).toAbsolutePath().toString()));
        }
        if (against != null)
        {
            if (!Files.isExecutable(Path.of(against, "bin", "ringmq")))
            {
                throw CliException.usage("--against: not a ringmq home (no bin/ringmq): '" + against + "'");
            }
            gate.addAll(List.of("--against", Path.of(against).toAbsolutePath().toString()));
        }
        addPath(gate, "--save", save);
        addPath(gate, "--plot", plot);
        addPath(gate, "--hgrm-dir", hgrmDir);
        if (progress)
        {
            gate.add("--progress");
        }
        final List<String> bench = new ArrayList<>();
        boolean explicit = false;
        for (final String name : new String[] {"--transports", "--sizes", "--count", "--rate"})
        {
            if (spec.commandLine().getParseResult().hasMatchedOption(name))
            {
                bench.add(name);
                bench.add(spec.commandLine().getParseResult().matchedOptionValue(name, ""));
                explicit = true;
            }
        }
        if (curve != null)
        {
            bench.add(curve ? "--curve" : "--no-curve");
            explicit = true;
        }
        if (explicit)
        {
            gate.add("--explicit");
        }
        return GateLauncher.launch(gate, bench);
    }

    private static void addPath(final List<String> gate, final String option, final String path)
    {
        if (path != null)
        {
            gate.add(option);
            gate.add(Path.of(path).toAbsolutePath().toString());
        }
    }

    /**
     * The histogram as one word: HdrHistogram's compressed encoding in base64, lossless, as the gate reads it.
     */
    private static String encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean stderrIsTerminal()
    {
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        }
        catch (final java.io.IOException | UnsupportedOperationException | SecurityException ex)
        {
            return System.console() != null;
        }
    }

    private void progress(final String text)
    {
        if (progress)
        {
            System.err.print("\r\033[Kringmq bench " + text);
            System.err.flush();
        }
    }

    private static Context newContext()
    {
        return Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
    }

    private static String endpoint(final Row row, final Path ipcDir, final String name)
    {
        switch (row.transport)
        {
            case "tcp":
                return "tcp://127.0.0.1:*";
            case "ipc":
                return "ipc://" + ipcDir.resolve(name + ".sock");
            default:
                return "inproc://bench-" + name;
        }
    }

    private static Histogram measureLatency(
        final Row row, final int roundtrips, final long periodNs, final Path ipcDir) throws Exception
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        final boolean inproc = row.transport.equals("inproc");
        try (Context serverContext = newContext(); Context clientContext = inproc ? null : newContext())
        {
            final Socket rep = serverContext.socket(SocketType.REP);
            BenchSecurity.server(rep, row.curve);
            rep.bind(endpoint(row, ipcDir, "lat-" + row.size));
            final String endpoint = rep.lastEndpoint();
            final Thread echo = new Thread(() -> echo(rep, roundtrips + 1000), "ringmq-bench-echo");
            echo.start();
            final Socket req = (inproc ? serverContext : clientContext).socket(SocketType.REQ);
            BenchSecurity.client(req, row.curve);
            req.setOption(SocketOption.RCVTIMEO, 30_000);
            req.connect(endpoint);
            final byte[] message = new byte[row.size];
            for (int i = 0; i < 1000; i++)
            {
                req.send(message);
                req.recv(0);
            }
            new RoundTripLoop(RoundTripLoop.SYSTEM, periodNs).run(roundtrips, () ->
            {
                req.send(message);
                if (req.recv(0) < 0)
                {
                    throw CliException.runtime("bench: no reply over " + row.label());
                }
            }, histogram::recordValue);
            echo.join(30_000);
            req.close();
            rep.close();
        }
        return histogram;
    }

    private static void echo(final Socket rep, final int count)
    {
        rep.setOption(SocketOption.RCVTIMEO, 30_000);
        for (int i = 0; i < count; i++)
        {
            final int length = rep.recv(0);
            if (length < 0)
            {
                return;
            }
            rep.send(rep.frame(), 0, length, 0);
        }
    }

    private static double measureThroughput(final Row row, final int messages, final Path ipcDir) throws Exception
    {
        final boolean inproc = row.transport.equals("inproc");
        final long[] elapsed = new long[1];
        try (Context serverContext = newContext(); Context clientContext = inproc ? null : newContext())
        {
            final Socket pull = serverContext.socket(SocketType.PULL);
            BenchSecurity.server(pull, row.curve);
            pull.bind(endpoint(row, ipcDir, "thr-" + row.size));
            final String endpoint = pull.lastEndpoint();
            final Thread sink = new Thread(() ->
            {
                pull.setOption(SocketOption.RCVTIMEO, 30_000);
                if (pull.recv(0) < 0)
                {
                    return;
                }
                final long start = System.nanoTime();
                for (int i = 1; i < messages; i++)
                {
                    if (pull.recv(0) < 0)
                    {
                        return;
                    }
                }
                elapsed[0] = System.nanoTime() - start;
            }, "ringmq-bench-sink");
            sink.start();
            final Socket push = (inproc ? serverContext : clientContext).socket(SocketType.PUSH);
            BenchSecurity.client(push, row.curve);
            push.connect(endpoint);
            final byte[] message = new byte[row.size];
            for (int i = 0; i < messages; i++)
            {
                push.send(message);
            }
            sink.join(60_000);
            push.close();
            pull.close();
        }
        return elapsed[0] == 0 ? 0 : (messages - 1) / (elapsed[0] / 1e9);
    }

    private static void print(final List<Row> rows, final int roundtrips, final String rate)
    {
        final PrintStream out = System.out;
        out.println("ringmq bench: " + roundtrips + " round trips (REQ/REP" +
            (rate == null ? "" : ", paced at " + rate.trim() + "/s, timed from each one's intended send") +
            ") and " + roundtrips * 20 +
            " messages (PUSH->PULL) per row, in one process, block strategy, 1 I/O thread per side");
        out.printf("%-13s %6s %-8s %10s %10s %10s %10s %14s%n",
            "transport", "size", "security", "p50 (us)", "p99 (us)", "p99.9 (us)", "max (us)", "msg/s");
        for (final Row row : rows)
        {
            out.printf(Locale.ROOT, "%-13s %6d %-8s %10.1f %10.1f %10.1f %10.1f %,14d%n",
                row.transport, row.size, row.curve ? "CURVE" : "NULL",
                row.latencyNs[0] / 1000.0, row.latencyNs[1] / 1000.0, row.latencyNs[2] / 1000.0,
                row.latencyNs[3] / 1000.0, (long)row.throughput);
        }
        out.flush();
    }

    private static void deleteQuietly(final Path dir)
    {
        try (var files = Files.list(dir))
        {
            files.forEach(file -> file.toFile().delete());
            Files.deleteIfExists(dir);
        }
        catch (final java.io.IOException ignore)
        {
            // a temporary directory
        }
    }

    static final class Row
    {
        final String transport;
        final int size;
        final boolean curve;
        Histogram latency;
        /** p50, p99, p99.9 and max of the round trips, in nanoseconds. */
        long[] latencyNs;
        double throughput;

        Row(final String transport, final int size, final boolean curve)
        {
            this.transport = transport;
            this.size = size;
            this.curve = curve;
        }

        Row(final String transport, final int size, final long[] latencyNs, final double throughput)
        {
            this(transport, size, false);
            this.latencyNs = latencyNs;
            this.throughput = throughput;
        }

        void latency(final Histogram histogram)
        {
            latency = histogram;
            latencyNs = new long[] {histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue()};
        }

        String label()
        {
            return transport + " " + size + " B" + (curve ? " CURVE" : "");
        }

        String fileName()
        {
            return scenario() + ".hgrm";
        }

        /**
         * @return the row's name in the gate's files and lines, e.g. {@code tcp-64-curve}.
         */
        String scenario()
        {
            return transport + "-" + size + (curve ? "-curve" : "");
        }
    }

}
