package io.ringmq.bench.gate;

/**
 * One row to judge: a scenario, a metric, and that metric's value in each run of the baseline and of the candidate.
 */
public final class RowSamples
{
    private final String scenario;
    private final GateMetric metric;
    private final double[] baseline;
    private final double[] candidate;

    /**
     * @param scenario  the scenario's name, e.g. {@code tcp-64}.
     * @param metric    what the values are.
     * @param baseline  one value per baseline run.
     * @param candidate one value per candidate run.
     */
    public RowSamples(final String scenario, final GateMetric metric, final double[] baseline, final double[] candidate)
    {
        if (baseline.length < 2 || candidate.length < 2)
        {
            throw new IllegalArgumentException(scenario + " " + metric.label() + ": at least 2 runs per side");
        }
        this.scenario = scenario;
        this.metric = metric;
        this.baseline = baseline.clone();
        this.candidate = candidate.clone();
    }

    public String scenario()
    {
        return scenario;
    }

    public GateMetric metric()
    {
        return metric;
    }

    public double[] baseline()
    {
        return baseline.clone();
    }

    public double[] candidate()
    {
        return candidate.clone();
    }
}
