package io.ringmq.bench.sidebyside;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest
{
    private static final Scenario LAT_64 = new Scenario(io.ringmq.bench.sidebyside.Test.LAT, 64, 1000);
    private static final Scenario THR_1 = new Scenario(io.ringmq.bench.sidebyside.Test.THR, 1, 1000);

    @Test
    void medianOfOddEvenAndNone()
    {
        assertEquals(3.0, Summary.median(new double[] {5, 1, 3, 9, 2}));
        assertEquals(2.5, Summary.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, Summary.median(new double[] {7}));
        assertTrue(Double.isNaN(Summary.median(new double[0])));
    }

    @Test
    void failedRunsAreCountedButNotInTheMedian()
    {
        final Summary s = new Summary(LAT_64, "a");
        s.add(lat("a", 10, 20));
        s.add(RunResult.failed(LAT_64, "a", "timeout"));
        s.add(lat("a", 30, 40));
        s.add(lat("a", 20, 90));
        assertEquals(4, s.runs());
        assertEquals(3, s.okRuns());
        assertEquals(20.0, s.median(Metric.P50));
        assertEquals(40.0, s.median(Metric.P99));
        assertEquals(10.0, s.min(Metric.P50));
        assertEquals(30.0, s.max(Metric.P50));
        assertEquals(List.of("timeout"), s.failures());
    }

    @Test
    void ratios()
    {
        assertEquals(2.0, Summary.ratio(20, 10));
        assertTrue(Double.isNaN(Summary.ratio(20, 0)));
        assertTrue(Double.isNaN(Summary.ratio(Double.NaN, 10)));
        assertEquals("0.0012", TableWriter.ratio(3_680_256.0 / 3_191_564_057.0));
        assertEquals("0.14", TableWriter.ratio(0.1449));
        assertEquals("2.18", TableWriter.ratio(2.1849));
        assertEquals("–", TableWriter.ratio(Double.NaN));
    }

    @Test
    void tableHasMediansAndRatiosToFloorAndBaseline()
    {
        final Map<String, Summary> summaries = new LinkedHashMap<>();
        add(summaries, LAT_64, "raw", lat("raw", 10, 20), lat("raw", 12, 22), lat("raw", 11, 21));
        add(summaries, LAT_64, "libzmq", lat("libzmq", 30, 60), lat("libzmq", 33, 66), lat("libzmq", 32, 64));
        add(summaries, LAT_64, "ringmq", lat("ringmq", 22, 44), RunResult.failed(LAT_64, "ringmq", "exited 1"),
            lat("ringmq", 22, 44));
        add(summaries, THR_1, "raw", thr("raw", 4_000_000), thr("raw", 5_000_000), thr("raw", 6_000_000));
        add(summaries, THR_1, "libzmq", thr("libzmq", 1_000_000), thr("libzmq", 1_000_000), thr("libzmq", 2_000_000));
        add(summaries, THR_1, "ringmq", thr("ringmq", 2_500_000), thr("ringmq", 2_500_000), thr("ringmq", 2_500_000));

        final String table = new TableWriter(List.of(LAT_64, THR_1), List.of("raw", "libzmq", "ringmq"), summaries,
            "raw", "libzmq").write();

        assertTrue(table.contains("| size (B) | contender | runs ok | avg one-way | p50 | p99 | p99.9 | max | " +
            "p50 range | p50 ÷ raw | p99 ÷ raw | p50 ÷ libzmq | p99 ÷ libzmq |"), table);
        // raw: median p50 11, p99 21; libzmq: 32, 64; ringmq: 22, 44 (the failed run left out)
        assertTrue(table.contains("| 64 | raw | 3/3 | 5.0 | 11.0 | 21.0 | 0.0 | 21.0 | 10.0–12.0 | 1.00 | 1.00 | " +
            "0.34 | 0.33 |"), table);
        assertTrue(table.contains("| 64 | libzmq | 3/3 | 5.0 | 32.0 | 64.0 | 0.0 | 64.0 | 30.0–33.0 | 2.91 | 3.05 | " +
            "1.00 | 1.00 |"), table);
        assertTrue(table.contains("| 64 | ringmq | 2/3 | 5.0 | 22.0 | 44.0 | 0.0 | 44.0 | 22.0–22.0 | 2.00 | 2.10 | " +
            "0.69 | 0.69 |"), table);
        // throughput: raw 5M, libzmq 1M, ringmq 2.5M; Mb/s = msg/s x 1 B x 8 / 1e6
        assertTrue(table.contains("| 1 | raw | 3/3 | 5,000,000 | 40.0 | 4,000,000–6,000,000 | 1.00 | 5.00 |"), table);
        assertTrue(table.contains("| 1 | libzmq | 3/3 | 1,000,000 | 8.0 | 1,000,000–2,000,000 | 0.20 | 1.00 |"), table);
        assertTrue(
            table.contains("| 1 | ringmq | 3/3 | 2,500,000 | 20.0 | 2,500,000–2,500,000 | 0.50 | 2.50 |"), table);
        assertTrue(table.contains("- ringmq, lat 64 B x 1000: exited 1"), table);
    }

    @Test
    void referenceColumnsAreLeftOutWhenTheReferenceDidNotRun()
    {
        final Map<String, Summary> summaries = new LinkedHashMap<>();
        add(summaries, LAT_64, "jeromq", lat("jeromq", 50, 500));
        final String table = new TableWriter(List.of(LAT_64), List.of("jeromq"), summaries, "raw", "libzmq").write();
        assertFalse(table.contains("÷"), table);
        assertTrue(table.contains("| 64 | jeromq | 1/1 | 5.0 | 50.0 | 500.0 |"), table);
        assertFalse(table.contains("Throughput"), table);
    }

    private static void add(
        final Map<String, Summary> summaries, final Scenario scenario, final String contender, final RunResult... runs)
    {
        final Summary s = new Summary(scenario, contender);
        for (final RunResult run : runs)
        {
            s.add(run);
        }
        summaries.put(TableWriter.key(scenario, contender), s);
    }

    private static RunResult lat(final String contender, final double p50, final double p99)
    {
        final Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.MESSAGE_SIZE, 64.0);
        m.put(Metric.AVG_LATENCY, 5.0);
        m.put(Metric.P50, p50);
        m.put(Metric.P99, p99);
        m.put(Metric.P99_9, 0.0);
        m.put(Metric.MAX, p99);
        return RunResult.validate(LAT_64, contender, m);
    }

    private static RunResult thr(final String contender, final double msgs)
    {
        final Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.MESSAGE_SIZE, 1.0);
        m.put(Metric.THROUGHPUT_MSGS, msgs);
        m.put(Metric.THROUGHPUT_MBITS, msgs * 8 / 1e6);
        return RunResult.validate(THR_1, contender, m);
    }
}
