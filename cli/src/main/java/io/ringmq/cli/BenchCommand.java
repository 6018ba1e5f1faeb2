package io.ringmq.cli;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.WaitStrategy;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--debug", description = "Stack traces on errors.")
    boolean debug;

    private final boolean progress = stderrIsTerminal();

    public Integer call() throws Exception
    {
        final int roundtrips = Numbers.positive("--count", count);
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
                row.latency(measureLatency(row, roundtrips, ipcDir));
                progress("[" + (i + 1) + "/" + rows.size() + "] " + row.label() + ": throughput");
                row.throughput = measureThroughput(row, roundtrips * 20, ipcDir);
                if (hgrmDir != null)
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
        print(rows, roundtrips);
        notes.forEach(System.out::println);
        System.out.flush();
        return 0;
    }

    /**
     * JDK 17 cannot ask whether stderr alone is a terminal: on Linux, look where file descriptor 2 points; elsewhere
     * fall back to the console (both stdin and stdout are terminals).
     */
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

    private static Histogram measureLatency(final Row row, final int roundtrips, final Path ipcDir) throws Exception
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
            for (int i = 0; i < roundtrips; i++)
            {
                final long t0 = System.nanoTime();
                req.send(message);
                if (req.recv(0) < 0)
                {
                    throw CliException.runtime("bench: no reply over " + row.label());
                }
                histogram.recordValue(System.nanoTime() - t0);
            }
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

    private static void print(final List<Row> rows, final int roundtrips)
    {
        final PrintStream out = System.out;
        out.println("ringmq bench: " + roundtrips + " round trips (REQ/REP) and " + roundtrips * 20 +
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
            return transport + "-" + size + (curve ? "-curve" : "") + ".hgrm";
        }
    }

}
