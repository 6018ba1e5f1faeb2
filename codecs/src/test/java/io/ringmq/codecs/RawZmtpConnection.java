package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A blocking TCP connection that speaks ZMTP through the codecs alone: the way the codecs are tested against a
 * real libzmq before any engine exists.
 */
final class RawZmtpConnection implements AutoCloseable
{
    record Frame(int flags, byte[] body)
    {
        boolean isCommand()
        {
            return (flags & FrameDescriptor.FLAG_COMMAND) != 0;
        }

        boolean hasMore()
        {
            return (flags & FrameDescriptor.FLAG_MORE) != 0;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameDecoder decoder = new FrameDecoder(64L * 1024 * 1024);
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final byte[] readChunk = new byte[8192];
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(readChunk);
    private final UnsafeBuffer writeBuffer = new UnsafeBuffer(new byte[1 << 16]);
    private GreetingDecoder peerGreeting;

    RawZmtpConnection(final String tcpEndpoint) throws IOException
    {
        final URI uri = URI.create(tcpEndpoint);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Greeting exchange as libzmq stages it: send signature and major version, read the peer's greeting, then
     * send the rest.
     */
    GreetingDecoder exchangeGreeting(final Mechanism mechanism) throws IOException
    {
        final UnsafeBuffer greeting = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH]);
        GreetingDescriptor.encode(greeting, 0, mechanism, false);
        out.write(greeting.byteArray(), 0, GreetingDescriptor.EAGER_SEND_LENGTH);
        out.flush();
        peerGreeting = new GreetingDecoder(false);
        boolean restSent = false;
        while (!peerGreeting.isComplete())
        {
            // One byte at a time: the greeting's end must not swallow the frames after it.
            final int b = in.read();
            assertTrue(b >= 0, "peer closed during the greeting");
            readChunk[0] = (byte)b;
            assertEquals(1, peerGreeting.decode(readBuffer, 0, 1), () -> "greeting refused: " + peerGreeting.error());
            if (!restSent && peerGreeting.isVersionKnown())
            {
                out.write(greeting.byteArray(), GreetingDescriptor.EAGER_SEND_LENGTH,
                    GreetingDescriptor.LENGTH - GreetingDescriptor.EAGER_SEND_LENGTH);
                out.flush();
                restSent = true;
            }
        }
        return peerGreeting;
    }

    /**
     * Sends our READY and reads the peer's.
     */
    CommandDecoder exchangeReady(final SocketType type, final byte[] identity) throws IOException
    {
        final int length = CommandEncoder.encodeReady(
            writeBuffer, 0, type, identity == null ? null : new UnsafeBuffer(identity), 0,
            identity == null ? 0 : identity.length);
        write(length);
        final Frame ready = nextFrame();
        assertTrue(ready.isCommand(), "first frame after the greeting must be a command");
        final CommandDecoder command = new CommandDecoder();
        assertEquals(WireError.NONE, command.wrap(new UnsafeBuffer(ready.body()), 0, ready.body().length));
        assertEquals(CommandName.READY, command.name());
        return command;
    }

    void sendMessage(final byte[]... parts) throws IOException
    {
        int position = 0;
        for (int i = 0; i < parts.length; i++)
        {
            final int flags = i < parts.length - 1 ? FrameDescriptor.FLAG_MORE : 0;
            position += FrameDescriptor.encodeFrame(
                writeBuffer, position, flags, new UnsafeBuffer(parts[i]), 0, parts[i].length);
        }
        write(position);
    }

    /**
     * Writes {@code length} bytes encoded into {@link #writeBuffer()}.
     */
    void write(final int length) throws IOException
    {
        out.write(writeBuffer.byteArray(), 0, length);
        out.flush();
    }

    UnsafeBuffer writeBuffer()
    {
        return writeBuffer;
    }

    Frame nextFrame() throws IOException
    {
        while (frames.isEmpty())
        {
            final int read = in.read(readChunk);
            if (read < 0)
            {
                fail("peer closed the connection");
            }
            final int consumed = decoder.decode(readBuffer, 0, read, this::collect);
            assertEquals(read, consumed, () -> "decoder refused libzmq's bytes: " + decoder.error());
        }
        return frames.poll();
    }

    private boolean collect(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] body = new byte[length];
        buffer.getBytes(offset, body);
        frames.add(new Frame(flags, body));
        return true;
    }

    /**
     * Reads data frames up to the end of one message, skipping nothing: a command here fails the test.
     */
    byte[][] nextMessage() throws IOException
    {
        final java.util.List<byte[]> parts = new java.util.ArrayList<>();
        Frame frame;
        do
        {
            frame = nextFrame();
            final Frame current = frame;
            assertTrue(!frame.isCommand(), () -> "unexpected command " + Arrays.toString(current.body()));
            parts.add(frame.body());
        }
        while (frame.hasMore());
        return parts.toArray(new byte[0][]);
    }

    public void close() throws IOException
    {
        socket.close();
    }
}
