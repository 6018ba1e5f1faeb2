package io.ringmq.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringmq stat}, a process of its own, reads the counters of a running {@code ringmq recv} from its counters
 * file: no attach, no JMX.
 */
class CliStatIT
{
    private static final int MESSAGES = 3_000;

    @Test
    void statPrintsWhatARunningRecvHasReceived() throws Exception
    {
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--timeout", "60"))
        {
            final String endpoint = recv.boundEndpoint();
            final StringBuilder lines = new StringBuilder();
            for (int i = 0; i < MESSAGES; i++)
            {
                lines.append("message ").append(i).append('\n');
            }
            final RingMqProcess send = RingMqProcess.run(lines.toString(), "send", "PUSH", endpoint, "--timeout", "30");
            assertEquals(0, send.exitCode(), send.stderr());
            recv.awaitLines(MESSAGES);

            final RingMqProcess table = RingMqProcess.run(null, "stat", Long.toString(recv.pid()));
            assertEquals(0, table.exitCode(), table.stderr());
            final List<String> rows = table.stdoutLines();
            assertTrue(rows.get(0).matches("CONTEXT\\s+SOCKET\\s+messages-sent\\s+messages-received" +
                "\\s+bytes-sent\\s+bytes-received\\s+dropped-at-hwm\\s+reconnects\\s+handshakes-succeeded\\s+.*"),
                rows.get(0));
            final String pull = rows.stream().filter(r -> r.matches("\\d+\\s+PULL-\\d+\\s+\\d+.*")).findFirst()
                .orElseThrow(() -> new AssertionError(table.stdout()));
            final String[] cells = pull.trim().split("\\s+");
            assertEquals(Integer.toString(MESSAGES), cells[3], pull);
            assertEquals("1", cells[8], "one handshake, with the one sender: " + pull);
            long bytes = 0;
            for (int i = 0; i < MESSAGES; i++)
            {
                bytes += ("message " + i).length();
            }
            assertEquals(Long.toString(bytes), cells[5], pull);

            final RingMqProcess json = RingMqProcess.run(null, "stat", Long.toString(recv.pid()), "--json");
            assertEquals(0, json.exitCode(), json.stderr());
            assertTrue(json.stdout().contains("\"messages-received\":" + MESSAGES), json.stdout());

            final RingMqProcess list = RingMqProcess.run(null, "stat");
            assertEquals(0, list.exitCode(), list.stderr());
            assertTrue(list.stdoutLines().stream().anyMatch(l -> l.startsWith(recv.pid() + " ")), list.stdout());
        }
    }

    @Test
    void statOfAProcessWithoutCountersFailsWithOneLine() throws Exception
    {
        final RingMqProcess stat = RingMqProcess.run(null, "stat", "1");
        assertEquals(1, stat.exitCode(), stat.stdout());
        assertTrue(stat.stderr().startsWith("ringmq: stat: no counters of process 1"), stat.stderr());
    }
}
