package io.ringmq.bench.gate;

import java.util.List;

/**
 * Reads what {@code ringmq bench --single-run} prints on stdout: one line per scenario,
 * {@code sample <scenario> <msg/s> <histogram as HistogramText>}; other lines are ignored.
 */
public final class SingleRunLines
{
    private SingleRunLines()
    {
    }

    /**
     * @param lines  the run's stdout.
     * @param target where the run's samples go.
     * @return how many scenarios the run reported.
     */
    public static int parseInto(final List<String> lines, final BuildSamples target)
    {
        int scenarios = 0;
        for (final String line : lines)
        {
            final String[] fields = line.trim().split(" ");
            if (fields.length == 4 && fields[0].equals("sample"))
            {
                target.add(fields[1], new RunSample(HistogramText.decode(fields[3]), Double.parseDouble(fields[2])));
                scenarios++;
            }
        }
        return scenarios;
    }
}
