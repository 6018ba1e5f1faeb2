package io.ringmq.bench.sidebyside;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputParserTest
{
    @Test
    void readsRemoteLatLines()
    {
        final Map<Metric, Double> m = OutputParser.parse(
            "message size: 64 [B]\n" +
            "roundtrip count: 20000\n" +
            "average latency: 17.665 [us]\n" +
            "p50: 34.304 [us]\n" +
            "p90: 37.660 [us]\n" +
            "p99: 47.789 [us]\n" +
            "p99.9: 108.157 [us]\n" +
            "p99.99: 536.049 [us]\n" +
            "max: 1536.049 [us]\n");
        assertEquals(64.0, m.get(Metric.MESSAGE_SIZE));
        assertEquals(20000.0, m.get(Metric.ROUNDTRIP_COUNT));
        assertEquals(17.665, m.get(Metric.AVG_LATENCY));
        assertEquals(34.304, m.get(Metric.P50));
        assertEquals(37.660, m.get(Metric.P90));
        assertEquals(47.789, m.get(Metric.P99));
        assertEquals(108.157, m.get(Metric.P99_9));
        assertEquals(536.049, m.get(Metric.P99_99));
        assertEquals(1536.049, m.get(Metric.MAX));
        assertEquals(9, m.size());
    }

    @Test
    void tellsTheTwoThroughputLinesApartByUnit()
    {
        final Map<Metric, Double> m = OutputParser.parse(
            "message size: 1 [B]\r\n" +
            "message count: 1000000\r\n" +
            "mean throughput: 3456789 [msg/s]\r\n" +
            "mean throughput: 27.654 [Mb/s]\r\n");
        assertEquals(1.0, m.get(Metric.MESSAGE_SIZE));
        assertEquals(1_000_000.0, m.get(Metric.MESSAGE_COUNT));
        assertEquals(3_456_789.0, m.get(Metric.THROUGHPUT_MSGS));
        assertEquals(27.654, m.get(Metric.THROUGHPUT_MBITS));
    }

    @Test
    void skipsLinesOutsideTheContract()
    {
        final Map<Metric, Double> m = OutputParser.parse(
            "bound: tcp://127.0.0.1:5555\n" +
            "warming up...\n" +
            "p50: fast [us]\n" +
            "mean throughput: 12 [furlongs]\n" +
            "  p99:   4.5   [us]  \n" +
            "\n");
        assertEquals(1, m.size());
        assertEquals(4.5, m.get(Metric.P99));
    }

    @Test
    void validationRejectsAnotherSizeOrAMissingFigure()
    {
        final Scenario lat = new Scenario(io.ringmq.bench.sidebyside.Test.LAT, 64, 10);
        final RunResult wrongSize = RunResult.validate(lat, "x",
            OutputParser.parse("message size: 1 [B]\np50: 1 [us]\np99: 2 [us]\naverage latency: 1 [us]\n"));
        assertFalse(wrongSize.ok());

        final RunResult noP99 = RunResult.validate(lat, "x",
            OutputParser.parse("message size: 64 [B]\np50: 1 [us]\naverage latency: 1 [us]\n"));
        assertFalse(noP99.ok());
        assertTrue(noP99.failure.contains("p99"));

        final RunResult good = RunResult.validate(lat, "x",
            OutputParser.parse("message size: 64 [B]\np50: 1 [us]\np99: 2 [us]\naverage latency: 1 [us]\n"));
        assertTrue(good.ok());
    }
}
