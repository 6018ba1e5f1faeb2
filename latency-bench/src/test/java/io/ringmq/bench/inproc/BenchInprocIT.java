package io.ringmq.bench.inproc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringmq bench} with inproc measures ringmq busy-spinning on two pinned cores and JeroMQ 0.6.0 beside its
 * own rows and prints the ratios (issue 9, item 5). This test is about spinning: its busy-spin rows take both
 * cores for well under a second. Figures are not asserted (the machine is shared), only that they were measured.
 */
class BenchInprocIT
{
    private static final Pattern RATIOS = Pattern.compile(
        "inproc 64 B PUSH->PULL vs JeroMQ 0\\.6\\.0 .*: block ([0-9.]+)x, busy-spin ([0-9.]+)x .*");

    @Test
    void benchPrintsTheInprocRowsWithTheirRatioToJeroMq() throws Exception
    {
        final Path root = Path.of(System.getProperty("ringmq.root", ".."));
        final Process bench = new ProcessBuilder(
            root.resolve("bin/ringmq").toString(), "bench", "--transports", "inproc",
            "--sizes", "64", "--count", "2000", "--no-curve").redirectErrorStream(true).start();
        final String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bench.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, bench.exitValue(), output);
        final List<String> lines = output.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("inproc\\s+64 NULL .*")), output);
        assertRowMeasured(lines, "inproc/spin", output);
        assertRowMeasured(lines, "jeromq/inproc", output);
        final Matcher ratios = RATIOS.matcher(lines.get(lines.size() - 1));
        assertTrue(ratios.matches(), output);
        assertTrue(Double.parseDouble(ratios.group(1)) > 0 && Double.parseDouble(ratios.group(2)) > 0, output);
    }

    private static void assertRowMeasured(final List<String> lines, final String transport, final String output)
    {
        final String row = lines.stream().filter(l -> l.startsWith(transport + " ")).findFirst().orElse(null);
        assertTrue(null != row, transport + " row missing:\n" + output);
        final String[] cells = row.trim().split("\\s+");
        // transport size security p50 p99 p99.9 max msg/s
        assertEquals(8, cells.length, row);
        assertTrue(Double.parseDouble(cells[3]) > 0, row);
        assertTrue(Long.parseLong(cells[7].replace(",", "")) > 0, row);
    }
}
