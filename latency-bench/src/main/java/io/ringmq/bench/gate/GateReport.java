package io.ringmq.bench.gate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the gate prints: the verdict rows and the final verdict line, or (with nothing to compare against) the
 * medians of the saved runs.
 */
final class GateReport
{
    private GateReport()
    {
    }

    /**
     * @return the exit status: 1 when a row is slower, else 0.
     */
    static int compare(
        final BuildSamples baseline, final BuildSamples candidate, final double minEffect, final PrintStream out)
    {
        final List<RowSamples> rows = new ArrayList<>();
        for (final String scenario : candidate.scenarios())
        {
            if (baseline.runs(scenario).size() < 2 || candidate.runs(scenario).size() < 2)
            {
                out.println(scenario + ": not compared (fewer than 2 runs on a side)");
                continue;
            }
            for (final GateMetric metric : GateMetric.values())
            {
                rows.add(new RowSamples(scenario, metric, baseline.values(scenario, metric),
                    candidate.values(scenario, metric)));
            }
        }
        if (rows.isEmpty())
        {
            throw new IllegalArgumentException("the baseline and the candidate share no scenario");
        }
        final List<RowVerdict> verdicts = new RowJudge(minEffect).judge(rows);
        out.println(String.format(Locale.ROOT, "%-16s %-6s %-7s %-12s %-18s %-8s %s",
            "scenario", "metric", "verdict", "ratio", "95% interval", "p", "Holm p"));
        int slower = 0;
        int faster = 0;
        for (final RowVerdict verdict : verdicts)
        {
            out.println(verdict.line());
            slower += verdict.verdict() == Verdict.SLOWER ? 1 : 0;
            faster += verdict.verdict() == Verdict.FASTER ? 1 : 0;
        }
        final String overall = slower > 0 ? "slower" : faster > 0 ? "faster" : "same";
        out.println(String.format(Locale.ROOT,
            "verdict: %s (%d of %d rows slower, %d faster; ratio = median candidate / median baseline; " +
            "Mann-Whitney U, Holm over %d rows, alpha %.2f, minimum effect %s)",
            overall, slower, verdicts.size(), faster, verdicts.size(), RowJudge.ALPHA,
            RegressionGate.percent(minEffect)));
        return slower > 0 ? 1 : 0;
    }

    static int summary(final BuildSamples candidate, final PrintStream out)
    {
        out.println(String.format(Locale.ROOT, "%-16s %5s %12s %12s %12s %14s",
            "scenario", "runs", "p50 (us)", "p99 (us)", "p99.9 (us)", "msg/s"));
        for (final String scenario : candidate.scenarios())
        {
            out.println(String.format(Locale.ROOT, "%-16s %5d %12.1f %12.1f %12.1f %,14.0f  (medians of the runs)",
                scenario, candidate.runs(scenario).size(),
                RowJudge.median(candidate.values(scenario, GateMetric.P50)) / 1000.0,
                RowJudge.median(candidate.values(scenario, GateMetric.P99)) / 1000.0,
                RowJudge.median(candidate.values(scenario, GateMetric.P99_9)) / 1000.0,
                RowJudge.median(candidate.values(scenario, GateMetric.MSG_PER_S))));
        }
        return 0;
    }
}
