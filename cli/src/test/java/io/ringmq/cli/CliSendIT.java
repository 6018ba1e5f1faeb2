package io.ringmq.cli;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code ringmq send} as a person uses it, typing into an open stdin: each line reaches the peer as soon as it is
 * typed, even when the first attempt found no peer ready (issue 10, item 4: the line used to wait for the next one).
 */
@Timeout(60)
class CliSendIT
{
    @Test
    void eachTypedLineIsSentAtOnceWhileStdinStaysOpen() throws Exception
    {
        try (RingMqProcess send = RingMqProcess.start("send", "PUSH", "tcp://127.0.0.1:0", "--bind");
             LibzmqPeer peer = LibzmqPeer.start())
        {
            final String endpoint = send.boundEndpoint();
            final OutputStream stdin = send.stdin();
            // Typed before any peer is there: the send waits for one instead of parking the line.
            stdin.write("first line\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Thread.sleep(300);
            peer.socket("pull", "PULL");
            peer.connect("pull", endpoint);
            final List<byte[]> first = peer.recv("pull", 10_000);
            assertNotNull(first, "the first line never arrived while stdin stayed open");
            assertArrayEquals("first line".getBytes(StandardCharsets.UTF_8), first.get(0));
            for (int i = 0; i < 100; i++)
            {
                stdin.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                final List<byte[]> line = peer.recv("pull", 10_000);
                assertNotNull(line, "line " + i + " never arrived while stdin stayed open");
                assertArrayEquals(("line " + i).getBytes(StandardCharsets.UTF_8), line.get(0));
            }
        }
    }
}
