package io.ringmq.engine;

import io.ringmq.codecs.CommandEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipart message whose frames reach the socket in separate reads, as TCP delivers them when a segment in the
 * middle was lost and retransmitted: the first frames are decoded while the rest is still on its way. Found by
 * FaultInjectionIT (a libzmq REQ's 20 kB request, envelope and body, over a link dropping 5% of packets): the
 * connection stopped reading for good once the first frame had opened the message, since an open message made the
 * inbound ring look full, and only the bytes it waited for could have closed it.
 */
@Timeout(30)
class SplitMessageTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void theRestOfAMessageThatArrivesLaterIsStillRead(final String transport) throws Exception
    {
        try (Context context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
             Socket pull = context.socket(SocketType.PULL))
        {
            pull.setOption(SocketOption.RCVTIMEO, 5_000);
            pull.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve("split.sock"));
            try (RawPeer push = RawPeer.connect(pull.lastEndpoint()))
            {
                // Greeting, READY and the first frame (MORE) in one write, the last frame a moment later.
                push.write(concat(RawPeer.nullGreeting(), readyFrom(SocketType.PUSH), frame(true, "head")));
                Thread.sleep(200);
                push.write(frame(false, "tail"));

                assertTrue(pull.recv(0) >= 0, "the first frame");
                assertEquals("head", text(pull));
                assertTrue(pull.hasMore());
                assertTrue(pull.recv(0) >= 0, "the frame that came in a later read");
                assertEquals("tail", text(pull));
            }
        }
    }

    private static byte[] frame(final boolean more, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final byte[] frame = new byte[2 + bytes.length];
        frame[0] = (byte)(more ? 1 : 0);
        frame[1] = (byte)bytes.length;
        System.arraycopy(bytes, 0, frame, 2, bytes.length);
        return frame;
    }

    private static String text(final Socket socket)
    {
        final byte[] bytes = new byte[socket.frame().capacity()];
        socket.frame().getBytes(0, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static byte[] readyFrom(final SocketType type)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = CommandEncoder.encodeReady(buffer, 0, type.wire(), new UnsafeBuffer(new byte[0]), 0, 0);
        final byte[] ready = new byte[length];
        buffer.getBytes(0, ready);
        return ready;
    }

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int position = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        return all;
    }
}
