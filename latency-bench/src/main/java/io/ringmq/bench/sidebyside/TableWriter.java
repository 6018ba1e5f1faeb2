package io.ringmq.bench.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the medians as Markdown: one latency table and one throughput table, a row per size and contender, with
 * ratios to the raw floor (the physical limit of loopback TCP here) and to libzmq (the figure to beat). Either
 * reference column is left out when that contender was not in the run. Failed runs are counted in "runs ok" and
 * listed under the tables, never silently dropped.
 */
final class TableWriter
{
    private final List<Scenario> scenarios;
    private final List<String> contenders;
    private final Map<String, Summary> summaries;
    private final String floor;
    private final String baseline;
    private String medium = "loopback tcp";

    /**
     * @param summaries keyed by {@link #key(Scenario, String)}.
     * @param floor     the contender ratios are "× floor" of, or null.
     * @param baseline  the contender ratios are "× baseline" of, or null.
     */
    TableWriter(
        final List<Scenario> scenarios,
        final List<String> contenders,
        final Map<String, Summary> summaries,
        final String floor,
        final String baseline)
    {
        this.scenarios = scenarios;
        this.contenders = contenders;
        this.summaries = summaries;
        this.floor = floor != null && contenders.contains(floor) ? floor : null;
        this.baseline = baseline != null && contenders.contains(baseline) ? baseline : null;
    }

    /** Names what the runs went over in the headings ({@code "ipc"}); loopback tcp unless told. */
    TableWriter over(final String medium)
    {
        this.medium = medium;
        return this;
    }

    static String key(final Scenario scenario, final String contender)
    {
        return scenario.test.id + "/" + scenario.size + "/" + contender;
    }

    String write()
    {
        final StringBuilder out = new StringBuilder();
        writeLatency(out);
        writeThroughput(out);
        writeFailures(out);
        return out.toString();
    }

    private void writeLatency(final StringBuilder out)
    {
        final List<Scenario> lat = of(Test.LAT);
        if (lat.isEmpty())
        {
            return;
        }
        out.append("### Round-trip latency, REQ/REP over " + medium + " (µs, median of runs)\n\n");
        final List<String> header = new ArrayList<>(List.of(
            "size (B)", "contender", "runs ok", "avg one-way", "p50", "p99", "p99.9", "max", "p50 range"));
        addRatioHeaders(header, "p50", "p99");
        row(out, header);
        separator(out, header.size(), 1);
        for (final Scenario scenario : lat)
        {
            for (final String contender : contenders)
            {
                final Summary s = summaries.get(key(scenario, contender));
                if (s == null)
                {
                    continue;
                }
                final List<String> cells = new ArrayList<>(List.of(
                    Integer.toString(scenario.size),
                    contender,
                    s.okRuns() + "/" + s.runs(),
                    us(s.median(Metric.AVG_LATENCY)),
                    us(s.median(Metric.P50)),
                    us(s.median(Metric.P99)),
                    us(s.median(Metric.P99_9)),
                    us(s.median(Metric.MAX)),
                    range(us(s.min(Metric.P50)), us(s.max(Metric.P50)))));
                addRatios(cells, scenario, s, Metric.P50, Metric.P99);
                row(out, cells);
            }
        }
        out.append('\n');
        if (floor != null || baseline != null)
        {
            out.append("Latency ratios are contender ÷ reference: 1.00 is the reference itself, higher is slower. ")
                .append("\"p50 range\" is the lowest and highest p50 of the runs.\n\n");
        }
    }

    private void writeThroughput(final StringBuilder out)
    {
        final List<Scenario> thr = of(Test.THR);
        if (thr.isEmpty())
        {
            return;
        }
        out.append("### Throughput, PUSH→PULL over " + medium + " (median of runs)\n\n");
        final List<String> header = new ArrayList<>(List.of(
            "size (B)", "contender", "runs ok", "msg/s", "Mb/s", "msg/s range"));
        addRatioHeaders(header, "msg/s");
        row(out, header);
        separator(out, header.size(), 1);
        for (final Scenario scenario : thr)
        {
            for (final String contender : contenders)
            {
                final Summary s = summaries.get(key(scenario, contender));
                if (s == null)
                {
                    continue;
                }
                final List<String> cells = new ArrayList<>(List.of(
                    Integer.toString(scenario.size),
                    contender,
                    s.okRuns() + "/" + s.runs(),
                    count(s.median(Metric.THROUGHPUT_MSGS)),
                    fixed(s.median(Metric.THROUGHPUT_MBITS), 1),
                    range(count(s.min(Metric.THROUGHPUT_MSGS)), count(s.max(Metric.THROUGHPUT_MSGS)))));
                addRatios(cells, scenario, s, Metric.THROUGHPUT_MSGS);
                row(out, cells);
            }
        }
        out.append('\n');
        if (floor != null || baseline != null)
        {
            out.append(
                "Throughput ratios are contender ÷ reference: 1.00 is the reference itself, higher is faster.\n\n");
        }
    }

    private void writeFailures(final StringBuilder out)
    {
        final List<String> lines = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            for (final String contender : contenders)
            {
                final Summary s = summaries.get(key(scenario, contender));
                if (s != null)
                {
                    for (final String failure : s.failures())
                    {
                        lines.add("- " + contender + ", " + scenario + ": " + failure);
                    }
                }
            }
        }
        if (!lines.isEmpty())
        {
            out.append("Failed runs (not in the medians):\n\n");
            lines.forEach(line -> out.append(line).append('\n'));
            out.append('\n');
        }
    }

    private void addRatioHeaders(final List<String> header, final String... labels)
    {
        for (final String label : labels)
        {
            if (floor != null)
            {
                header.add(label + " ÷ " + floor);
            }
        }
        for (final String label : labels)
        {
            if (baseline != null)
            {
                header.add(label + " ÷ " + baseline);
            }
        }
    }

    private void addRatios(final List<String> cells, final Scenario scenario, final Summary s, final Metric... metrics)
    {
        for (final String reference : new String[] {floor, baseline})
        {
            if (reference == null)
            {
                continue;
            }
            final Summary ref = summaries.get(key(scenario, reference));
            for (final Metric metric : metrics)
            {
                final double r = ref == null ? Double.NaN : Summary.ratio(s.median(metric), ref.median(metric));
                cells.add(ratio(r));
            }
        }
    }

    private List<Scenario> of(final Test test)
    {
        final List<Scenario> list = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            if (scenario.test == test)
            {
                list.add(scenario);
            }
        }
        return list;
    }

    private static void row(final StringBuilder out, final List<String> cells)
    {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** The contender column left-aligned, every figure (size included) right-aligned. */
    private static void separator(final StringBuilder out, final int columns, final int contenderColumn)
    {
        out.append('|');
        for (int i = 0; i < columns; i++)
        {
            out.append(i == contenderColumn ? " --- |" : " ---: |");
        }
        out.append('\n');
    }

    /**
     * Two decimals, but two significant digits below 0.1: a 1-byte message against the raw byte stream is a ratio
     * like 0.0012, which "0.00" would hide.
     */
    static String ratio(final double value)
    {
        if (Double.isNaN(value))
        {
            return "–";
        }
        if (value != 0.0 && Math.abs(value) < 0.1)
        {
            return new java.math.BigDecimal(value).round(new java.math.MathContext(2)).toPlainString();
        }
        return fixed(value, 2);
    }

    /** "low–high", or one dash when no run succeeded. */
    static String range(final String low, final String high)
    {
        return "–".equals(low) ? "–" : low + "–" + high;
    }

    static String us(final double value)
    {
        return fixed(value, 1);
    }

    static String fixed(final double value, final int decimals)
    {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String count(final double value)
    {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
