package io.ringmq.bench.sidebyside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runs of one contender in one scenario, reduced to a median per metric. The median, not the mean: on a shared
 * machine one run disturbed by a neighbour's compile moves a mean but not a median of five.
 */
final class Summary
{
    final Scenario scenario;
    final String contender;
    private final List<RunResult> runs = new ArrayList<>();

    Summary(final Scenario scenario, final String contender)
    {
        this.scenario = scenario;
        this.contender = contender;
    }

    void add(final RunResult run)
    {
        runs.add(run);
    }

    int runs()
    {
        return runs.size();
    }

    int okRuns()
    {
        int ok = 0;
        for (final RunResult run : runs)
        {
            ok += run.ok() ? 1 : 0;
        }
        return ok;
    }

    /** The values of a metric over the successful runs, in run order. */
    double[] values(final Metric metric)
    {
        return runs.stream()
            .filter(RunResult::ok)
            .map(run -> run.metrics.get(metric))
            .filter(v -> v != null)
            .mapToDouble(Double::doubleValue)
            .toArray();
    }

    /** NaN when no run succeeded (the table prints a dash). */
    double median(final Metric metric)
    {
        return median(values(metric));
    }

    double min(final Metric metric)
    {
        return Arrays.stream(values(metric)).min().orElse(Double.NaN);
    }

    double max(final Metric metric)
    {
        return Arrays.stream(values(metric)).max().orElse(Double.NaN);
    }

    /** Middle value; for an even count the mean of the two middle ones. */
    static double median(final double[] values)
    {
        if (values.length == 0)
        {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int mid = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** contender / reference: "times the floor" for latency, "fraction of the floor" for throughput. */
    static double ratio(final double value, final double reference)
    {
        if (Double.isNaN(value) || Double.isNaN(reference) || reference == 0.0)
        {
            return Double.NaN;
        }
        return value / reference;
    }

    List<String> failures()
    {
        final List<String> failures = new ArrayList<>();
        for (final RunResult run : runs)
        {
            if (!run.ok())
            {
                failures.add(run.failure);
            }
        }
        return failures;
    }
}
