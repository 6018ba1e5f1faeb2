package io.ringmq.bench.sidebyside;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the perf tools' output lines ({@code label: number [unit]}) into metrics. The same parser serves every
 * contender, which is the point of holding them all to cli.md's lines. Unknown lines are skipped, so a tool may
 * print more than the contract (a banner, an hgrm path) without breaking the harness; a known label printed twice
 * keeps its last value.
 */
final class OutputParser
{
    private static final Pattern LINE =
        Pattern.compile("^\\s*([a-z][a-z0-9. ]*?)\\s*:\\s+([-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)" +
            "(?:\\s+\\[([^\\]]+)])?\\s*$");

    private OutputParser()
    {
    }

    static Map<Metric, Double> parse(final CharSequence output)
    {
        final Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        parseInto(output, metrics);
        return metrics;
    }

    static void parseInto(final CharSequence output, final Map<Metric, Double> metrics)
    {
        for (final String line : output.toString().split("\\r?\\n"))
        {
            final Matcher m = LINE.matcher(line);
            if (!m.matches())
            {
                continue;
            }
            final Metric metric = Metric.of(m.group(1), m.group(3));
            if (metric != null)
            {
                metrics.put(metric, Double.parseDouble(m.group(2)));
            }
        }
    }
}
