package io.ringmq.bench.sidebyside;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** What one run of one contender in one scenario produced: its metrics, or why it produced none. */
final class RunResult
{
    final Scenario scenario;
    final String contender;
    final Map<Metric, Double> metrics;
    /** null when the run succeeded. */
    final String failure;

    private RunResult(
        final Scenario scenario, final String contender, final Map<Metric, Double> metrics, final String failure)
    {
        this.scenario = scenario;
        this.contender = contender;
        this.metrics = metrics;
        this.failure = failure;
    }

    static RunResult ok(final Scenario scenario, final String contender, final Map<Metric, Double> metrics)
    {
        return new RunResult(scenario, contender, Collections.unmodifiableMap(new EnumMap<>(metrics)), null);
    }

    static RunResult failed(final Scenario scenario, final String contender, final String why)
    {
        return new RunResult(scenario, contender, Collections.emptyMap(), why);
    }

    boolean ok()
    {
        return failure == null;
    }

    /**
     * Checks the parsed output against what was asked: a run whose tool printed another size or lacks its key
     * figure is a failure, not a data point.
     */
    static RunResult validate(final Scenario scenario, final String contender, final Map<Metric, Double> metrics)
    {
        final Double size = metrics.get(Metric.MESSAGE_SIZE);
        if (size == null || size.intValue() != scenario.size)
        {
            return failed(scenario, contender, "output has message size " + size + ", expected " + scenario.size);
        }
        final Metric[] required = scenario.test == Test.LAT ?
            new Metric[] {Metric.AVG_LATENCY, Metric.P50, Metric.P99} : new Metric[] {Metric.THROUGHPUT_MSGS};
        for (final Metric metric : required)
        {
            if (!metrics.containsKey(metric))
            {
                return failed(scenario, contender, "output lacks the '" + metric.label + "' line");
            }
        }
        return ok(scenario, contender, metrics);
    }

    String oneLine()
    {
        if (!ok())
        {
            return "FAILED: " + failure;
        }
        if (scenario.test == Test.LAT)
        {
            return String.format(java.util.Locale.ROOT, "p50 %.3f us, p99 %.3f us, avg %.3f us",
                metrics.get(Metric.P50), metrics.get(Metric.P99), metrics.get(Metric.AVG_LATENCY));
        }
        return String.format(java.util.Locale.ROOT, "%.0f msg/s", metrics.get(Metric.THROUGHPUT_MSGS));
    }

    static String csvHeader()
    {
        final StringBuilder header = new StringBuilder("seq,contender,test,size,count,round,ok");
        for (final Metric metric : Metric.values())
        {
            header.append(',').append(metric.label.replace(' ', '_'))
                .append(metric.unit == null ? "" : "_" + metric.unit.replace('/', 'p'));
        }
        return header.append(",failure").toString();
    }

    String csvRow(final int seq, final int round)
    {
        final StringBuilder row = new StringBuilder()
            .append(seq).append(',').append(contender).append(',').append(scenario.test.id).append(',')
            .append(scenario.size).append(',').append(scenario.count).append(',').append(round).append(',')
            .append(ok());
        for (final Metric metric : Metric.values())
        {
            final Double value = metrics.get(metric);
            row.append(',').append(value == null ? "" : value.toString());
        }
        // Quoted, inner quotes doubled: failure texts hold commas and stderr lines.
        return row.append(",\"").append(failure == null ? "" : failure.replace("\"", "\"\"")).append('"').toString();
    }
}
