package io.ringmq.cli;

import io.ringmq.engine.LatencySnapshot;
import io.ringmq.engine.LatencySummary;
import io.ringmq.engine.Socket;
import org.HdrHistogram.Histogram;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command's latency report ({@link LatencyOptions}): switches tracking on for its sockets, prints each
 * interval's percentiles on stderr from a thread of its own, and at exit (also when the command is killed with
 * SIGTERM or SIGINT, through a shutdown hook) writes the whole run's distributions as {@code .hgrm} files in
 * microseconds. The first non-empty distribution (request-reply, then receive, then send residency, in socket
 * order) goes to {@code --hgrm FILE}; every other non-empty one beside it, as {@code FILE-stem.<label>.hgrm}.
 */
final class LatencyReport implements AutoCloseable
{
    private static final double NS_PER_US = 1_000.0;
    private static final LatencyReport OFF = new LatencyReport(List.of(), List.of(), 0, null);

    private final List<String> names;
    private final List<Socket> sockets;
    private final long intervalMs;
    private final String hgrm;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Thread printer;
    private Thread hook;

    private LatencyReport(final List<String> names, final List<Socket> sockets, final long intervalMs,
        final String hgrm)
    {
        this.names = names;
        this.sockets = sockets;
        this.intervalMs = intervalMs;
        this.hgrm = hgrm;
    }

    /**
     * Starts tracking every message of {@code sockets} (named for the report lines, e.g. {@code "PULL"} or
     * {@code "frontend ROUTER"}); call it before the sockets bind or connect. A no-op without the options.
     */
    static LatencyReport start(final LatencyOptions options, final List<String> names, final List<Socket> sockets)
    {
        if (!options.tracking())
        {
            return OFF;
        }
        final LatencyReport report = new LatencyReport(names, sockets, options.intervalMs(), options.hgrm);
        for (final Socket socket : sockets)
        {
            socket.trackLatency(1);
        }
        report.hook = new Thread(report::finish, "ringmq-latency-exit");
        Runtime.getRuntime().addShutdownHook(report.hook);
        if (report.intervalMs > 0)
        {
            report.printer = new Thread(report::printEveryInterval, "ringmq-latency-report");
            report.printer.setDaemon(true);
            report.printer.start();
        }
        return report;
    }

    private void printEveryInterval()
    {
        try
        {
            while (!finished.get())
            {
                Thread.sleep(intervalMs);
                if (!finished.get())
                {
                    printIntervals();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            // Finishing: the last interval is printed by finish().
        }
    }

    /** Prints one line per non-empty interval histogram and returns the snapshots taken. */
    private synchronized List<LatencySnapshot> printIntervals()
    {
        final List<LatencySnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++)
        {
            final LatencySnapshot snapshot = sockets.get(i).latency();
            snapshots.add(snapshot);
            if (intervalMs > 0)
            {
                print(names.get(i) + " request-reply", snapshot.requestReplyInterval());
                print(names.get(i) + " receive", snapshot.receiveResidencyInterval());
                print(names.get(i) + " send", snapshot.sendResidencyInterval());
            }
        }
        System.err.flush();
        return snapshots;
    }

    private static void print(final String label, final Histogram interval)
    {
        if (interval.getTotalCount() > 0)
        {
            System.err.println("latency " + label + ": " + LatencySummary.of(interval));
        }
    }

    /** Prints the last interval and writes the {@code .hgrm} files, once. */
    private void finish()
    {
        if (!finished.compareAndSet(false, true))
        {
            return;
        }
        if (null != printer)
        {
            printer.interrupt();
        }
        final List<LatencySnapshot> snapshots = printIntervals();
        if (null == hgrm)
        {
            return;
        }
        boolean primaryWritten = false;
        for (int i = 0; i < snapshots.size(); i++)
        {
            final LatencySnapshot snapshot = snapshots.get(i);
            final String label = names.get(i).replace(" ", "-");
            final Histogram[] histograms =
                {snapshot.requestReply(), snapshot.receiveResidency(), snapshot.sendResidency()};
            final String[] kinds = {"request-reply", "receive", "send"};
            for (int k = 0; k < histograms.length; k++)
            {
                if (histograms[k].getTotalCount() == 0)
                {
                    continue;
                }
                final String file = primaryWritten ? beside(hgrm, label + "." + kinds[k]) : hgrm;
                primaryWritten = true;
                write(file, histograms[k]);
            }
        }
    }

    /** @return {@code out.hgrm} with {@code label} before the extension: {@code out.PULL.receive.hgrm}. */
    static String beside(final String file, final String label)
    {
        final int dot = file.lastIndexOf('.');
        final int slash = file.lastIndexOf('/');
        return dot > slash ? file.substring(0, dot) + "." + label + file.substring(dot) : file + "." + label;
    }

    private static void write(final String file, final Histogram histogram)
    {
        try (PrintStream out = new PrintStream(new FileOutputStream(file), false, StandardCharsets.US_ASCII))
        {
            histogram.outputPercentileDistribution(out, NS_PER_US);
        }
        catch (final IOException ex)
        {
            System.err.println("ringmq: cannot write " + file + ": " + ex.getMessage());
        }
    }

    @Override
    public void close()
    {
        if (this == OFF)
        {
            return;
        }
        finish();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // The hook is running or ran: it found the report finished.
        }
    }
}
