package io.ringmq.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An HdrHistogram interval log ({@code .hlog}) of a socket's latency tracking: each {@link #write} appends the
 * intervals of one {@link LatencySnapshot}, tagged {@value #SEND_TAG}, {@value #RECEIVE_TAG} and
 * {@value #REQUEST_REPLY_TAG}, in nanoseconds, so HdrHistogram's {@code HistogramLogReader}, {@code
 * HistogramLogProcessor} and plotters read it. Empty intervals are left out. Written on the caller's thread.
 *
 * <pre>{@code
 * try (LatencyLog log = LatencyLog.create(Path.of("pull.hlog")))
 * {
 *     while (running) { Thread.sleep(1000); log.write(pull.latency()); }
 * }
 * }</pre>
 */
public final class LatencyLog implements AutoCloseable
{
    public static final String SEND_TAG = "send";
    public static final String RECEIVE_TAG = "receive";
    public static final String REQUEST_REPLY_TAG = "request-reply";
    /** The writer's max column in milliseconds, as HdrHistogram's own tools print nanosecond logs. */
    private static final double NS_PER_MS = 1_000_000.0;

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long startMs;

    private LatencyLog(final PrintStream out, final long startMs)
    {
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        this.startMs = startMs;
        writer.outputLogFormatVersion();
        writer.outputComment("ringmq latency tracking, values in nanoseconds");
        writer.outputStartTime(startMs);
        writer.outputBaseTime(startMs);
        writer.outputLegend();
    }

    /** Creates (or truncates) {@code file} and writes the log's header. */
    public static LatencyLog create(final Path file) throws IOException
    {
        final PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.US_ASCII);
        return new LatencyLog(out, System.currentTimeMillis());
    }

    /** Appends the snapshot's non-empty intervals. */
    public void write(final LatencySnapshot snapshot)
    {
        write(SEND_TAG, snapshot.sendResidencyInterval());
        write(RECEIVE_TAG, snapshot.receiveResidencyInterval());
        write(REQUEST_REPLY_TAG, snapshot.requestReplyInterval());
        out.flush();
    }

    private void write(final String tag, final Histogram interval)
    {
        if (interval.getTotalCount() > 0)
        {
            interval.setTag(tag);
            // Intervals that began before the log (or kept HdrHistogram's "unset" start) start with it.
            final long recordedStartMs = interval.getStartTimeStamp();
            final long intervalStartMs =
                Long.MAX_VALUE == recordedStartMs ? startMs : Math.max(startMs, recordedStartMs);
            final long intervalEndMs = Math.max(intervalStartMs, interval.getEndTimeStamp());
            writer.outputIntervalHistogram((intervalStartMs - startMs) / 1000.0, (intervalEndMs - startMs) / 1000.0,
                interval, NS_PER_MS);
        }
    }

    @Override
    public void close()
    {
        out.close();
    }
}
