package io.ringmq.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors a person can act on: one {@code ringmq: } line on stderr quoting the offending value, exit 2 for usage
 * errors and 1 for runtime failures, no stack trace without --debug.
 */
@Timeout(120)
class CliErrorsIT
{
    private static void assertError(final RingMqProcess process, final int exitCode, final String quoted)
    {
        final String err = process.stderr();
        assertEquals(exitCode, process.exitCode(), err);
        final String[] lines = err.strip().split("\n");
        assertEquals(1, lines.length, "one line: " + err);
        assertTrue(lines[0].startsWith("ringmq: "), err);
        assertTrue(lines[0].contains(quoted), "'" + quoted + "' not in: " + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void usageErrorsExitTwo() throws Exception
    {
        assertError(RingMqProcess.run(null, "frobnicate"), 2, "frobnicate");
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--bogus"), 2, "--bogus");
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://nohost:x"), 2, "nohost:x");
        assertError(RingMqProcess.run(null, "local_lat", "tcp://127.0.0.1:0", "sixty", "10"), 2, "sixty");
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--timeout", "soon"), 2, "soon");
        assertError(RingMqProcess.run(null, "recv", "TOASTER", "tcp://127.0.0.1:1"), 2, "TOASTER");
        assertError(RingMqProcess.run(null, "send", "SUB", "tcp://127.0.0.1:1"), 2, "SUB");
        assertError(RingMqProcess.run(null, "recv", "PULL", "pgm://eth0;239.192.1.1:5555"), 2, "use epgm://");
        assertError(RingMqProcess.run(null, "recv", "SUB", "epgm://lo;239.192.1.1:5555", "--rate", "fast"), 2,
            "fast");
        assertError(RingMqProcess.run(null, "recv", "SUB", "epgm://lo;239.192.1.1:5555", "--recovery-ivl", "-1"), 2,
            "-1");
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--curve-server-key", "notakey"),
            2, "notakey");
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--affinity", "4096"), 2, "4096");
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--wait-strategy", "nap"), 2, "nap");
    }

    @Test
    void runtimeFailuresExitOne() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:" + taken.getLocalPort(), "--bind"),
                1, "in use");
        }
        assertError(RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--timeout", "0.3"), 1, "0.3");
        assertError(RingMqProcess.run("one\ntwo\n", "send", "PUSH", "tcp://127.0.0.1:1", "--linger", "200"),
            1, "2 messages not delivered within linger");
    }

    @Test
    void debugShowsTheStackTrace() throws Exception
    {
        final RingMqProcess process = RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:1", "--timeout", "0.2",
            "--debug");
        assertEquals(1, process.exitCode());
        assertTrue(process.stderr().startsWith("ringmq: "), process.stderr());
        assertTrue(process.stderr().contains("\tat "), process.stderr());
    }

    @Test
    void helpListsEveryCommandAndOption() throws Exception
    {
        final RingMqProcess help = RingMqProcess.run(null, "--help");
        assertEquals(0, help.exitCode());
        for (final String command : new String[]{"local_lat", "remote_lat", "local_thr", "remote_thr", "keygen",
            "send", "recv", "proxy", "bench"})
        {
            assertTrue(help.stdout().contains(command), command);
        }
        final RingMqProcess recv = RingMqProcess.run(null, "recv", "--help");
        assertEquals(0, recv.exitCode());
        for (final String option : new String[]{"--count", "--subscribe", "--timeout", "--curve-server",
            "--plain-user", "--io-threads", "--affinity", "--wait-strategy", "--verbose", "--debug"})
        {
            assertTrue(recv.stdout().contains(option), option);
        }
    }
}
