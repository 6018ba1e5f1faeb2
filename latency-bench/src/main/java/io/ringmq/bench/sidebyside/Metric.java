package io.ringmq.bench.sidebyside;

/**
 * Every figure a perf tool prints, keyed by its output line's label and unit (cli.md). "mean throughput" appears
 * twice, told apart by the unit, which is why the unit is part of the key.
 */
enum Metric
{
    MESSAGE_SIZE("message size", "B", false),
    ROUNDTRIP_COUNT("roundtrip count", null, false),
    MESSAGE_COUNT("message count", null, false),
    AVG_LATENCY("average latency", "us", false),
    P50("p50", "us", false),
    P90("p90", "us", false),
    P99("p99", "us", false),
    P99_9("p99.9", "us", false),
    P99_99("p99.99", "us", false),
    MAX("max", "us", false),
    THROUGHPUT_MSGS("mean throughput", "msg/s", true),
    THROUGHPUT_MBITS("mean throughput", "Mb/s", true);

    final String label;
    final String unit;
    /**
     * Throughput: more is better, so its ratios read "fraction of the floor"; latency ratios read "times the floor".
     */
    final boolean higherIsBetter;

    Metric(final String label, final String unit, final boolean higherIsBetter)
    {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** The metric an output line names, or null for a line this harness does not know (it is then ignored). */
    static Metric of(final String label, final String unit)
    {
        for (final Metric metric : values())
        {
            if (metric.label.equals(label) && (metric.unit == null ? unit == null : metric.unit.equals(unit)))
            {
                return metric;
            }
        }
        return null;
    }
}
