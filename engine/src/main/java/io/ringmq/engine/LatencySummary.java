package io.ringmq.engine;

import org.HdrHistogram.Histogram;

import javax.management.openmbean.CompositeData;

/**
 * The percentiles of one latency histogram in microseconds, as {@link SocketMXBean} shows them: JMX maps this to
 * an open {@code CompositeData}, so JConsole, VisualVM and JMX exporters read it without ringmq's classes.
 */
public final class LatencySummary
{
    private static final double NS_PER_US = 1_000.0;

    private final long count;
    private final double p50Micros;
    private final double p90Micros;
    private final double p99Micros;
    private final double p999Micros;
    private final double maxMicros;
    private final double meanMicros;

    LatencySummary(
        final long count, final double p50Micros, final double p90Micros, final double p99Micros,
        final double p999Micros, final double maxMicros, final double meanMicros)
    {
        this.count = count;
        this.p50Micros = p50Micros;
        this.p90Micros = p90Micros;
        this.p99Micros = p99Micros;
        this.p999Micros = p999Micros;
        this.maxMicros = maxMicros;
        this.meanMicros = meanMicros;
    }

    /** @return the summary of a histogram recorded in nanoseconds. */
    public static LatencySummary of(final Histogram nanos)
    {
        return new LatencySummary(
            nanos.getTotalCount(),
            nanos.getValueAtPercentile(50) / NS_PER_US,
            nanos.getValueAtPercentile(90) / NS_PER_US,
            nanos.getValueAtPercentile(99) / NS_PER_US,
            nanos.getValueAtPercentile(99.9) / NS_PER_US,
            nanos.getMaxValue() / NS_PER_US,
            nanos.getMean() / NS_PER_US);
    }

    /**
     * Rebuilds a summary from what JMX carried (so a JMX proxy of {@link SocketMXBean} hands back this type).
     */
    public static LatencySummary from(final CompositeData data)
    {
        return new LatencySummary(
            (Long)data.get("count"), (Double)data.get("p50Micros"), (Double)data.get("p90Micros"),
            (Double)data.get("p99Micros"), (Double)data.get("p999Micros"), (Double)data.get("maxMicros"),
            (Double)data.get("meanMicros"));
    }

    /** @return the number of values recorded. */
    public long getCount()
    {
        return count;
    }

    public double getP50Micros()
    {
        return p50Micros;
    }

    public double getP90Micros()
    {
        return p90Micros;
    }

    public double getP99Micros()
    {
        return p99Micros;
    }

    public double getP999Micros()
    {
        return p999Micros;
    }

    public double getMaxMicros()
    {
        return maxMicros;
    }

    public double getMeanMicros()
    {
        return meanMicros;
    }

    @Override
    public String toString()
    {
        return String.format(java.util.Locale.ROOT,
            "n=%d p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus", count, p50Micros, p90Micros, p99Micros,
            p999Micros, maxMicros);
    }
}
