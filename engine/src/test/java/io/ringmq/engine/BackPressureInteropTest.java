package io.ringmq.engine;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Back-pressure that pauses and always resumes, against libzmq 4.3: PUSH to PULL with SNDHWM = RCVHWM = 100, a
 * consumer that stops for 3 s after its first messages and then drains, ringmq on either side, binding or
 * connecting, over tcp and ipc. Each case asserts that back-pressure really happened (a DONTWAIT send found the
 * mark at least once) and that every message then arrived exactly once, in order, with its body intact.
 */
@Timeout(120)
@ExtendWith(LibzmqPeerExtension.class)
class BackPressureInteropTest
{
    private static final int HWM = 100;
    private static final int PAUSE_AFTER = 10;
    private static final int PAUSE_MS = 3_000;

    private Context context;
    private LibzmqPeers peers;
    private Process peer;
    @TempDir
    Path dir;

    @BeforeEach
    void start(final LibzmqPeers peers)
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
        this.peers = peers;
    }

    @AfterEach
    void stop()
    {
        context.close(); // then the extension kills the peer if it is still there
    }

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final String transport : new String[]{"tcp", "ipc"})
        {
            for (final boolean ringmqSends : new boolean[]{true, false})
            {
                for (final boolean ringmqBinds : new boolean[]{true, false})
                {
                    cases.add(Arguments.of(transport, ringmqSends, ringmqBinds, 20_000, 16));
                }
                // 1 MiB messages, three times what both marks hold: the pause fills both sides.
                cases.add(Arguments.of(transport, ringmqSends, ringmqSends, 300, 1 << 20));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: ringmq sends {1}, ringmq binds {2}, {3} x {4} B")
    @MethodSource("cases")
    void aConsumerThatPausesThreeSecondsGetsEveryMessageOnceInOrder(
        final String transport, final boolean ringmqSends, final boolean ringmqBinds, final int count, final int size)
        throws Exception
    {
        final Socket socket = context.socket(ringmqSends ? SocketType.PUSH : SocketType.PULL);
        socket.setOption(SocketOption.SNDHWM, HWM);
        socket.setOption(SocketOption.RCVHWM, HWM);
        socket.setOption(SocketOption.LINGER, 30_000);
        socket.setOption(SocketOption.SNDTIMEO, 30_000);
        socket.setOption(SocketOption.RCVTIMEO, 30_000);
        final String role = ringmqSends ? "pull" : "push";
        final BufferedReader peerOut;
        if (ringmqBinds)
        {
            socket.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve("bp.sock"));
            peerOut = startPeer(role, socket.lastEndpoint(), "connect", count, size);
            assertTrue(peerOut.readLine().startsWith("ready"));
        }
        else
        {
            peerOut = startPeer(role, transport.equals("tcp") ? "tcp://127.0.0.1:0" : "ipc://" + dir.resolve("bp.sock"),
                "bind", count, size);
            final String ready = peerOut.readLine();
            assertTrue(ready.startsWith("ready "), ready);
            socket.connect(ready.substring("ready ".length()));
        }

        if (ringmqSends)
        {
            final byte[] message = MessagePattern.body(size);
            int wouldBlock = 0;
            for (int seq = 0; seq < count; seq++)
            {
                MessagePattern.number(message, seq);
                if (socket.send(message, Socket.DONTWAIT) == Status.WOULD_BLOCK)
                {
                    wouldBlock++;
                    assertEquals(Status.OK, Math.min(0, socket.send(message, 0)), "blocked send of " + seq);
                }
            }
            assertEquals("done received=" + count, peerOut.readLine(), "libzmq's PULL checked every message");
            assertTrue(wouldBlock > 0, "back-pressure never happened: no DONTWAIT send would block");
        }
        else
        {
            final byte[] expected = MessagePattern.body(size);
            for (int seq = 0; seq < count; seq++)
            {
                final int length = socket.recv(0);
                if (length < 0)
                {
                    fail("stalled after " + seq + " of " + count + " messages: " + Status.name(length));
                }
                final DirectBuffer frame = socket.frame();
                assertEquals(seq, frame.getLong(0, ByteOrder.BIG_ENDIAN), "exactly once, in order");
                assertEquals(size, length);
                if (seq % 97 == 0 || size > 1024)
                {
                    final byte[] body = new byte[length];
                    frame.getBytes(0, body);
                    MessagePattern.number(expected, seq);
                    assertArrayEquals(expected, body, "body of " + seq);
                }
                if (seq + 1 == PAUSE_AFTER)
                {
                    Thread.sleep(PAUSE_MS);
                }
            }
            final String done = peerOut.readLine();
            assertTrue(done.startsWith("done sent=" + count), done);
            final int eagain = Integer.parseInt(done.substring(done.indexOf("eagain=") + "eagain=".length()));
            assertTrue(eagain > 0, "back-pressure never happened: libzmq's DONTWAIT sends never would block");
        }
        assertTrue(peer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, peer.exitValue());
    }

    private BufferedReader startPeer(
        final String role, final String endpoint, final String how, final int count, final int size) throws IOException
    {
        peer = peers.script("backpressure_peer.py", role, endpoint, how,
            Integer.toString(count), Integer.toString(size), Integer.toString(HWM),
            Integer.toString(PAUSE_AFTER), Integer.toString(PAUSE_MS));
        return new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The body test-peers/backpressure_peer.py sends and checks: an 8-byte sequence number, then a pattern. */
    static final class MessagePattern
    {
        static byte[] body(final int size)
        {
            final byte[] body = new byte[size];
            for (int i = 8; i < size; i++)
            {
                body[i] = (byte)((i - 8) * 31 + 7);
            }
            return body;
        }

        static void number(final byte[] body, final long seq)
        {
            for (int i = 0; i < 8; i++)
            {
                body[i] = (byte)(seq >>> (56 - 8 * i));
            }
        }
    }
}
