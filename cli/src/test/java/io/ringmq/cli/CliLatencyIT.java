package io.ringmq.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --latency[=SECONDS]} and {@code --hgrm FILE} on the cat tools: percentile lines on stderr per interval
 * that add up to every message, and the whole run's distribution in a {@code .hgrm} file at exit, also when the
 * command is stopped with SIGTERM.
 */
class CliLatencyIT
{
    private static final int MESSAGES = 3_000;
    private static final Pattern INTERVAL_LINE =
        Pattern.compile("^latency (\\S+) (receive|send|request-reply): n=(\\d+) p50=\\S+us .* max=\\S+us$",
            Pattern.MULTILINE);

    @Test
    void recvPrintsIntervalsThatAddUpToEveryMessageAndWritesTheHgrm(@TempDir final Path dir) throws Exception
    {
        final Path hgrm = dir.resolve("pull.hgrm");
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--count",
            Integer.toString(MESSAGES), "--timeout", "60", "--latency=0.2", "--hgrm", hgrm.toString()))
        {
            final RingMqProcess send =
                RingMqProcess.run(lines(MESSAGES), "send", "PUSH", recv.boundEndpoint(), "--timeout", "30");
            assertEquals(0, send.exitCode(), send.stderr());
            assertEquals(0, recv.await(60), recv.stderr());
            assertEquals(MESSAGES, recv.stdoutLines().size(), "the messages themselves still go to stdout");
            assertEquals(MESSAGES, countIn(recv.stderr(), "PULL", "receive"), recv.stderr());
            assertEquals(0, countIn(recv.stderr(), "PULL", "send"), "a PULL sends nothing");
            assertEquals(MESSAGES, totalCount(hgrm), "the .hgrm holds the whole run");
        }
    }

    @Test
    void reqWritesItsRoundTripsAndAKilledRepWritesBothDirections(@TempDir final Path dir) throws Exception
    {
        final Path reqFile = dir.resolve("req.hgrm");
        final Path repFile = dir.resolve("rep.hgrm");
        try (RingMqProcess rep = RingMqProcess.start("recv", "REP", "tcp://127.0.0.1:*", "--bind", "--timeout", "60",
            "--hgrm", repFile.toString()))
        {
            final RingMqProcess req = RingMqProcess.run(lines(1_000), "send", "REQ", rep.boundEndpoint(),
                "--timeout", "30", "--latency", "--hgrm", reqFile.toString());
            assertEquals(0, req.exitCode(), req.stderr());
            assertEquals(1_000, req.stdoutLines().size(), "every reply printed");
            assertEquals(1_000, countIn(req.stderr(), "REQ", "request-reply"), req.stderr());
            assertEquals(1_000, totalCount(reqFile), "REQ's first distribution is request to reply");
            assertEquals(1_000, totalCount(dir.resolve("req.REQ.receive.hgrm")));
            assertEquals(1_000, totalCount(dir.resolve("req.REQ.send.hgrm")));

            rep.awaitLines(1_000);
            rep.terminate();
            assertEquals(1_000, totalCount(repFile), "SIGTERM still writes the distribution: " + rep.stderr());
            assertEquals(1_000, totalCount(dir.resolve("rep.REP.send.hgrm")));
            assertTrue(rep.stderr().lines().noneMatch(l -> l.startsWith("latency ")),
                "no --latency: no interval lines");
        }
    }

    @Test
    void aLatencyIntervalThatIsNotPositiveIsAUsageError() throws Exception
    {
        final RingMqProcess recv = RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:*", "--bind",
            "--latency=0");
        assertEquals(2, recv.exitCode(), recv.stderr());
        assertTrue(recv.stderr().startsWith("ringmq: --latency must be a positive number of seconds"),
            recv.stderr());
    }

    private static String lines(final int count)
    {
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            lines.append("message ").append(i).append('\n');
        }
        return lines.toString();
    }

    private static long countIn(final String stderr, final String socket, final String kind)
    {
        long total = 0;
        final Matcher line = INTERVAL_LINE.matcher(stderr);
        while (line.find())
        {
            if (line.group(1).equals(socket) && line.group(2).equals(kind))
            {
                total += Long.parseLong(line.group(3));
            }
        }
        return total;
    }

    /** @return the "Total count" of HdrHistogram's percentile distribution format. */
    private static long totalCount(final Path hgrm) throws Exception
    {
        assertTrue(Files.exists(hgrm), hgrm + " was not written");
        final Matcher total = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(Files.readString(hgrm));
        assertTrue(total.find(), Files.readString(hgrm));
        return Long.parseLong(total.group(1));
    }
}
