package io.ringmq.bench.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the gate's files into one directory: per scenario {@code <scenario>-<build>.hgrm} (every run merged, in
 * HdrHistogram's percentile-distribution text) and {@code <scenario>-percentiles.svg}, and one
 * {@code throughput.svg}.
 */
final class GatePlots
{
    private final Path dir;

    GatePlots(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * @param baseline null when there is only the candidate.
     */
    void write(final BuildSamples baseline, final BuildSamples candidate) throws IOException
    {
        writeHgrm(baseline, candidate);
        final List<String> scenarios = candidate.scenarios();
        final List<String> names = new ArrayList<>();
        if (baseline != null)
        {
            names.add("baseline");
        }
        names.add("candidate");
        final double[][][] runs = new double[names.size()][scenarios.size()][];
        for (int s = 0; s < scenarios.size(); s++)
        {
            final String scenario = scenarios.get(s);
            final List<SvgPlots.Series> series = new ArrayList<>();
            if (baseline != null)
            {
                series.add(new SvgPlots.Series("baseline", baseline.merged(scenario)));
                runs[0][s] = baseline.values(scenario, GateMetric.MSG_PER_S);
            }
            series.add(new SvgPlots.Series("candidate", candidate.merged(scenario)));
            runs[names.size() - 1][s] = candidate.values(scenario, GateMetric.MSG_PER_S);
            RegressionGate.writeText(dir.resolve(scenario + "-percentiles.svg"),
                SvgPlots.percentileDistribution(scenario + ": round trip by percentile (all runs)", series));
        }
        RegressionGate.writeText(dir.resolve("throughput.svg"),
            SvgPlots.throughput("PUSH->PULL throughput (bar: median, dots: runs)", scenarios, names, runs));
    }

    void writeHgrm(final BuildSamples baseline, final BuildSamples candidate) throws IOException
    {
        Files.createDirectories(dir);
        for (final String scenario : candidate.scenarios())
        {
            hgrm(scenario + "-candidate.hgrm", candidate, scenario);
            if (baseline != null)
            {
                hgrm(scenario + "-baseline.hgrm", baseline, scenario);
            }
        }
    }

    private void hgrm(final String name, final BuildSamples samples, final String scenario) throws IOException
    {
        try (PrintStream out = new PrintStream(dir.resolve(name).toFile(), "UTF-8"))
        {
            samples.merged(scenario).outputPercentileDistribution(out, 1000.0);
        }
    }
}
