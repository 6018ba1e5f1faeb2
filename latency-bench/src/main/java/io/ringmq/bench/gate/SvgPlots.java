package io.ringmq.bench.gate;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;

/**
 * The gate's two charts as SVG text. Written directly rather than through a charting library: two chart shapes
 * need about two hundred lines of this, where a library plus an SVG exporter would add megabytes to the benchmarks
 * jar, another dependency to keep declared and analysed, and a rendering we could not read in a diff.
 */
public final class SvgPlots
{
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728"};

    private SvgPlots()
    {
    }

    /**
     * A named series: the label in the legend and the histogram (nanoseconds) it draws.
     */
    public static final class Series
    {
        final String name;
        final Histogram histogram;

        public Series(final String name, final Histogram histogram)
        {
            this.name = name;
            this.histogram = histogram;
        }
    }

    /**
     * Latency (µs, linear) against percentile on HdrHistogram's axis: x = log10(1 / (1 - p)), so 90%, 99%, 99.9% sit
     * one decade apart and the tail gets the room it deserves.
     */
    public static String percentileDistribution(final String title, final List<Series> series)
    {
        long totalCount = 1;
        long max = 1;
        for (final Series s : series)
        {
            totalCount = Math.max(totalCount, s.histogram.getTotalCount());
            max = Math.max(max, s.histogram.getMaxValue());
        }
        final int decades = Math.max(1, Math.min(6, (int)Math.ceil(Math.log10(totalCount))));
        final double yMax = niceCeiling(max / 1000.0);
        final StringBuilder svg = header(title);
        axes(svg, "percentile", "round trip (us)");
        for (int d = 0; d <= decades; d++)
        {
            final double x = LEFT + plotWidth() * d / (double)decades;
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#ddd"));
            svg.append(text(x, HEIGHT - BOTTOM + 18, "middle", percentileLabel(d)));
        }
        yTicks(svg, yMax);
        for (int i = 0; i < series.size(); i++)
        {
            final Histogram histogram = series.get(i).histogram;
            final StringBuilder points = new StringBuilder();
            final int steps = 200;
            for (int k = 0; k <= steps; k++)
            {
                final double decade = decades * k / (double)steps;
                final double percentile = 100.0 * (1.0 - Math.pow(10, -decade));
                final double micros = histogram.getTotalCount() == 0 ? 0 :
                    histogram.getValueAtPercentile(percentile) / 1000.0;
                points.append(fmt(LEFT + plotWidth() * decade / decades)).append(',')
                    .append(fmt(y(micros, yMax))).append(' ');
            }
            svg.append("<polyline class=\"series\" data-series=\"").append(escape(series.get(i).name))
                .append("\" fill=\"none\" stroke=\"").append(COLOURS[i % COLOURS.length])
                .append("\" stroke-width=\"2\" points=\"").append(points.toString().trim()).append("\"/>\n");
            legend(svg, i, series.get(i).name);
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Throughput per scenario: a bar at each build's median msg/s, with every run drawn as a dot on it, so the
     * spread the test weighs is visible.
     *
     * @param scenarios the scenario names.
     * @param names     the builds' names (one or two).
     * @param runs      runs[build][scenario] = msg/s of every run.
     */
    public static String throughput(
        final String title, final List<String> scenarios, final List<String> names, final double[][][] runs)
    {
        double max = 1;
        for (final double[][] build : runs)
        {
            for (final double[] values : build)
            {
                for (final double v : values)
                {
                    max = Math.max(max, v);
                }
            }
        }
        final double yMax = niceCeiling(max);
        final StringBuilder svg = header(title);
        axes(svg, "scenario", "msg/s");
        yTicks(svg, yMax);
        final double group = plotWidth() / (double)Math.max(1, scenarios.size());
        final double bar = group * 0.8 / names.size();
        for (int s = 0; s < scenarios.size(); s++)
        {
            final double x0 = LEFT + group * s + group * 0.1;
            svg.append(text(x0 + group * 0.4, HEIGHT - BOTTOM + 18, "middle", scenarios.get(s)));
            for (int b = 0; b < names.size(); b++)
            {
                final double[] values = runs[b][s];
                final double median = values.length == 0 ? 0 : RowJudge.median(values);
                final double x = x0 + bar * b;
                svg.append(String.format(Locale.ROOT,
                    "<rect class=\"series\" data-series=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" " +
                    "fill=\"%s\" fill-opacity=\"0.6\"/>%n", escape(names.get(b)), fmt(x), fmt(y(median, yMax)),
                    fmt(bar * 0.9), fmt(HEIGHT - BOTTOM - y(median, yMax)), COLOURS[b % COLOURS.length]));
                for (final double v : values)
                {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"#000\"/>%n",
                        fmt(x + bar * 0.45), fmt(y(v, yMax))));
                }
            }
        }
        for (int b = 0; b < names.size(); b++)
        {
            legend(svg, b, names.get(b));
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * @return the label of decade d on the x axis: 0%, 90%, 99%, 99.9%, 99.99%, ...
     */
    static String percentileLabel(final int decade)
    {
        if (decade < 2)
        {
            return decade == 0 ? "0%" : "90%";
        }
        return decade == 2 ? "99%" : "99." + "9".repeat(decade - 2) + "%";
    }

    private static StringBuilder header(final String title)
    {
        final StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n")
            .append(text(WIDTH / 2.0, 22, "middle", title));
        return svg;
    }

    private static void axes(final StringBuilder svg, final String xLabel, final String yLabel)
    {
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#000"));
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#000"));
        svg.append(text(LEFT + plotWidth() / 2.0, HEIGHT - 12, "middle", xLabel));
        svg.append(String.format(Locale.ROOT,
            "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s</text>%n",
            fmt(TOP + plotHeight() / 2.0), fmt(TOP + plotHeight() / 2.0), escape(yLabel)));
    }

    private static void yTicks(final StringBuilder svg, final double yMax)
    {
        for (int t = 0; t <= 5; t++)
        {
            final double value = yMax * t / 5;
            final double y = y(value, yMax);
            svg.append(line(LEFT - 4, y, LEFT, y, "#000"));
            svg.append(text(LEFT - 6, y + 4, "end", value >= 10_000 ?
                String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value)));
        }
    }

    private static void legend(final StringBuilder svg, final int index, final String name)
    {
        final double y = TOP + 8 + 16 * index;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%s\" width=\"12\" height=\"4\" fill=\"%s\"/>%n",
            LEFT + 12, fmt(y - 4), COLOURS[index % COLOURS.length]));
        svg.append(text(LEFT + 30, y + 1, "start", name));
    }

    private static double y(final double value, final double yMax)
    {
        return HEIGHT - BOTTOM - plotHeight() * Math.min(value, yMax) / yMax;
    }

    private static int plotWidth()
    {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight()
    {
        return HEIGHT - TOP - BOTTOM;
    }

    /**
     * 1, 2 or 5 times a power of ten, at or above the value: round tick labels.
     */
    static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (final double step : new double[] {1, 2, 5, 10})
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String colour)
    {
        return String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"/>%n",
            fmt(x1), fmt(y1), fmt(x2), fmt(y2), colour);
    }

    private static String text(final double x, final double y, final String anchor, final String content)
    {
        return String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>%n",
            fmt(x), fmt(y), anchor, escape(content));
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
