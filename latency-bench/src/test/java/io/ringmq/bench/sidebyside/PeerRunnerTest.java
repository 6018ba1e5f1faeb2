package io.ringmq.bench.sidebyside;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run end to end with real processes (JeroMQ's perf tools, so no C build is needed): both peers start, the
 * output is parsed, and on the failure paths nothing is left running. Unpinned, small counts, no timing asserted.
 */
class PeerRunnerTest
{
    @TempDir
    Path logs;

    @Test
    void runsBothSidesAndParsesTheirLines()
    {
        final PeerRunner runner = runner(60_000);
        final Contender jeromq = Contenders.builtIn().get("jeromq");

        final RunResult lat = runner.run(jeromq, new Scenario(io.ringmq.bench.sidebyside.Test.LAT, 16, 200), "t1");
        assertTrue(lat.ok(), lat.failure);
        assertEquals(16.0, lat.metrics.get(Metric.MESSAGE_SIZE));
        assertEquals(200.0, lat.metrics.get(Metric.ROUNDTRIP_COUNT));
        assertTrue(lat.metrics.get(Metric.P50) > 0);

        final RunResult thr = runner.run(jeromq, new Scenario(io.ringmq.bench.sidebyside.Test.THR, 8, 2000), "t2");
        assertTrue(thr.ok(), thr.failure);
        assertTrue(thr.metrics.get(Metric.THROUGHPUT_MSGS) > 0);
    }

    @Test
    void aPeerThatNeverListensIsKilledAtTheTimeout()
    {
        final List<ProcessHandle> before = children();
        final RunResult result = runner(1_000).run(new Contender("deaf", "sleep 60"),
            new Scenario(io.ringmq.bench.sidebyside.Test.LAT, 1, 1), "t3");
        assertFalse(result.ok());
        assertTrue(result.failure.contains("did not listen"), result.failure);
        assertEquals(before, children());
    }

    @Test
    void aConnectSideThatHangsIsKilledWithTheBindSide()
    {
        final Contender hangs = Contenders.builtIn().get("jeromq").withRole(Role.REMOTE_LAT, "sleep 60");
        final RunResult result =
            runner(5_000).run(hangs, new Scenario(io.ringmq.bench.sidebyside.Test.LAT, 1, 1), "t4");
        assertFalse(result.ok());
        assertTrue(result.failure.contains("timeout"), result.failure);
        assertTrue(children().isEmpty(), children().toString());
    }

    @Test
    void aPeerThatFailsFailsTheRun()
    {
        final RunResult result = runner(10_000).run(new Contender("false", "false"),
            new Scenario(io.ringmq.bench.sidebyside.Test.THR, 1, 1), "t5");
        assertFalse(result.ok());
        assertTrue(result.failure.contains("exited 1"), result.failure);
    }

    private PeerRunner runner(final long timeoutMs)
    {
        final List<String> java = new ArrayList<>(List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
            System.getProperty("java.class.path")));
        final String root = new File(".").getAbsolutePath();
        return new PeerRunner(new Contender.Vars("", 0, 0, 0, root, root, java), 0, 1, timeoutMs, logs, false, false);
    }

    private static List<ProcessHandle> children()
    {
        final List<ProcessHandle> alive = new ArrayList<>();
        ProcessHandle.current().children().filter(ProcessHandle::isAlive).forEach(alive::add);
        return alive;
    }
}
