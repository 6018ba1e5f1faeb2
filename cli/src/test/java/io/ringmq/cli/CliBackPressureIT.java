package io.ringmq.cli;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall of issue 9, reproduced as it was reported: a libzmq PUSH connects before {@code ringmq recv PULL
 * --bind} exists and queues a burst; once the PULL binds, the whole burst lands in its read buffer while its
 * inbound ring is at the mark. Before the fix the stream stopped for good after 1,300-6,000 of 10,000 messages,
 * and after the first of three 1 MiB messages. Every message must arrive once, in order.
 */
@Timeout(120)
class CliBackPressureIT
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} x {2} B")
    @CsvSource({"tcp, 10000, 16", "ipc, 10000, 16", "tcp, 3, 1048576", "ipc, 3, 1048576"})
    void aBurstQueuedBeforeTheBindArrivesWhole(final String transport, final int count, final int size)
        throws Exception
    {
        LibzmqPeer.requireLibzmq();
        final String endpoint;
        if (transport.equals("tcp"))
        {
            try (ServerSocket probe = new ServerSocket(0))
            {
                endpoint = "tcp://127.0.0.1:" + probe.getLocalPort();
            }
        }
        else
        {
            endpoint = "ipc://" + dir.resolve("burst.sock");
        }
        final Process push = new ProcessBuilder(LibzmqPeer.PYTHON,
            RingMqProcess.root().resolve("test-peers/backpressure_peer.py").toString(),
            "push", endpoint, "connect", Integer.toString(count), Integer.toString(size), "1000")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader pushOut = new BufferedReader(
            new InputStreamReader(push.getInputStream(), StandardCharsets.UTF_8)))
        {
            assertEquals("ready", pushOut.readLine());
            Thread.sleep(300); // libzmq queues the burst while nobody listens
            try (RingMqProcess recv = RingMqProcess.start(
                "recv", "PULL", endpoint, "--bind", "--count", Integer.toString(count), "--timeout", "20"))
            {
                assertEquals(0, recv.await(90), "recv stalled: " + recv.stderr());
                final List<String> lines = recv.stdoutLines();
                assertEquals(count, lines.size(), "every message, once");
                for (int seq = 0; seq < count; seq++)
                {
                    final String line = lines.get(seq);
                    assertTrue(line.startsWith("0x"), line.substring(0, Math.min(40, line.length())));
                    assertEquals(seq, Long.parseLong(line.substring(2, 18), 16), "in order");
                    assertEquals(2 + 2 * size, line.length(), "whole");
                }
            }
            assertTrue(pushOut.readLine().startsWith("done sent=" + count));
        }
        finally
        {
            push.destroy();
            push.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
