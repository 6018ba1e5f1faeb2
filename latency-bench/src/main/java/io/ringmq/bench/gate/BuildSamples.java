package io.ringmq.bench.gate;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run of one build: per scenario (in the order the runs measured them) the list of its runs, with the
 * description of the machine they ran on and the bench arguments that define the scenarios.
 */
public final class BuildSamples
{
    private final String machine;
    private final List<String> runArguments;
    private final Map<String, List<RunSample>> runsByScenario = new LinkedHashMap<>();

    /**
     * @param machine      one line: cpu model, cores, kernel, JDK.
     * @param runArguments the {@code ringmq bench} arguments each run was given.
     */
    public BuildSamples(final String machine, final List<String> runArguments)
    {
        this.machine = machine;
        this.runArguments = List.copyOf(runArguments);
    }

    public String machine()
    {
        return machine;
    }

    public List<String> runArguments()
    {
        return runArguments;
    }

    public void add(final String scenario, final RunSample run)
    {
        runsByScenario.computeIfAbsent(scenario, s -> new ArrayList<>()).add(run);
    }

    public List<String> scenarios()
    {
        return List.copyOf(runsByScenario.keySet());
    }

    public List<RunSample> runs(final String scenario)
    {
        return Collections.unmodifiableList(runsByScenario.getOrDefault(scenario, List.of()));
    }

    /**
     * @return one value per run of the scenario.
     */
    public double[] values(final String scenario, final GateMetric metric)
    {
        final List<RunSample> runs = runs(scenario);
        final double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = runs.get(i).value(metric);
        }
        return values;
    }

    /**
     * @return every round trip of every run of the scenario in one histogram: the distribution the plots draw.
     */
    public Histogram merged(final String scenario)
    {
        final Histogram merged = new Histogram(3);
        for (final RunSample run : runs(scenario))
        {
            merged.add(run.roundTrips());
        }
        return merged;
    }
}
