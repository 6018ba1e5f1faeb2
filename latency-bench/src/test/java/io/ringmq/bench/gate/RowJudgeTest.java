package io.ringmq.bench.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict logic on seeded synthetic samples shaped like a default bench comparison: 7 scenarios × 4 metrics =
 * 28 rows, 10 runs per side, each run's value log-normal around its true value with a 3% coefficient of variation
 * (the run-to-run spread of p50 and msg/s measured on this 2-core shared machine is 1-3%; 3% is the pessimistic
 * end). Holm's correction runs over all 28 rows, as it does in the gate.
 */
class RowJudgeTest
{
    private static final int SEEDS = 500;
    private static final int RUNS = 10;
    private static final double CV = 0.03;
    private static final int SCENARIOS = 7;

    @Test
    void identicalDistributionsAreSameOnAtLeast95PercentOfSeeds()
    {
        int allSame = 0;
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final List<RowVerdict> verdicts = new RowJudge(0.05).judge(comparison(new Random(seed), 1.0));
            if (verdicts.stream().allMatch(v -> v.verdict() == Verdict.SAME))
            {
                allSame++;
            }
        }
        assertTrue(allSame >= SEEDS * 0.95, allSame + " of " + SEEDS + " seeds said same on every row");
    }

    @Test
    void aTenPercentSlowdownIsSlowerOnAtLeast90PercentOfSeeds()
    {
        int caught = 0;
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final List<RowVerdict> verdicts = new RowJudge(0.05).judge(comparison(new Random(seed), 1.10));
            boolean slowerOnlyWhereSlowed = true;
            for (final RowVerdict verdict : verdicts)
            {
                final Verdict expected = verdict.scenario().equals("slowed") ? Verdict.SLOWER : Verdict.SAME;
                slowerOnlyWhereSlowed &= verdict.verdict() == expected;
            }
            if (slowerOnlyWhereSlowed)
            {
                caught++;
            }
        }
        assertTrue(caught >= SEEDS * 0.90, caught + " of " + SEEDS + " seeds said slower on exactly the slowed rows");
    }

    @Test
    void aSignificantChangeSmallerThanTheMinimumEffectIsSame()
    {
        // 3% slower with almost no noise: clearly significant, but below the 5% that counts.
        final Random random = new Random(7);
        final List<RowSamples> rows = List.of(new RowSamples("tcp-64", GateMetric.P50,
            values(random, 10_000, 0.001), values(random, 10_300, 0.001)));
        final RowVerdict verdict = new RowJudge(0.05).judge(rows).get(0);
        assertTrue(verdict.holmP() < RowJudge.ALPHA, verdict.line());
        assertEquals(Verdict.SAME, verdict.verdict(), verdict.line());
        assertEquals(Verdict.SLOWER, new RowJudge(0.01).judge(rows).get(0).verdict());
    }

    @Test
    void lowerThroughputIsSlowerAndHigherIsFaster()
    {
        final Random random = new Random(11);
        final List<RowSamples> rows = List.of(
            new RowSamples("less", GateMetric.MSG_PER_S, values(random, 1e6, CV), values(random, 0.8e6, CV)),
            new RowSamples("more", GateMetric.MSG_PER_S, values(random, 1e6, CV), values(random, 1.25e6, CV)));
        final List<RowVerdict> verdicts = new RowJudge(0.05).judge(rows);
        assertEquals(Verdict.SLOWER, verdicts.get(0).verdict(), verdicts.get(0).line());
        assertEquals(Verdict.FASTER, verdicts.get(1).verdict(), verdicts.get(1).line());
    }

    @Test
    void theIntervalHoldsTheRatio()
    {
        final Random random = new Random(3);
        final RowVerdict verdict = new RowJudge(0.05).judge(List.of(new RowSamples("tcp-64", GateMetric.P99,
            values(random, 20_000, CV), values(random, 22_000, CV)))).get(0);
        assertTrue(verdict.low() <= verdict.ratio() && verdict.ratio() <= verdict.high(), verdict.line());
        assertTrue(verdict.low() > 1.0, verdict.line());
    }

    @Test
    void tiedRunsAreSame()
    {
        final double[] flat = {5, 5, 5, 5, 5};
        final RowVerdict verdict =
            new RowJudge(0.05).judge(List.of(new RowSamples("inproc-64", GateMetric.P50, flat, flat))).get(0);
        assertEquals(Verdict.SAME, verdict.verdict(), verdict.line());
        assertEquals(1.0, verdict.ratio());
    }

    /**
     * A default-sized comparison: scenario "slowed" has every metric worse by {@code slowdown} (latencies up,
     * throughput down); the other six are drawn from the same distribution on both sides.
     */
    private static List<RowSamples> comparison(final Random random, final double slowdown)
    {
        final List<RowSamples> rows = new ArrayList<>();
        for (int s = 0; s < SCENARIOS; s++)
        {
            final String scenario = s == 0 ? "slowed" : "scenario-" + s;
            final double factor = s == 0 ? slowdown : 1.0;
            for (final GateMetric metric : GateMetric.values())
            {
                final double truth = metric.lowerIsBetter() ? 30_000 * (1 + metric.ordinal()) : 200_000;
                final double candidateTruth = metric.lowerIsBetter() ? truth * factor : truth / factor;
                rows.add(new RowSamples(scenario, metric, values(random, truth, CV),
                    values(random, candidateTruth, CV)));
            }
        }
        return rows;
    }

    private static double[] values(final Random random, final double median, final double cv)
    {
        final double[] values = new double[RUNS];
        for (int i = 0; i < RUNS; i++)
        {
            values[i] = median * Math.exp(cv * random.nextGaussian());
        }
        return values;
    }
}
