package io.ringmq.transports.zmtp;

import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.crypto.SecurityMechanism;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link StreamEngine} over a blocking {@link SocketChannel}: enough I/O to test the engine and its security
 * mechanisms (NULL by default, or a given CURVE/PLAIN one) against real peers without the I/O agents.
 */
final class BlockingEngineConnection implements AutoCloseable
{
    final RecordingListener listener = new RecordingListener();
    final StreamEngine engine;
    private final SocketChannel channel;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(1 << 16);
    private final UnsafeBuffer writeView = new UnsafeBuffer(writeBuffer);
    private int readLength;
    private int framesTaken;

    BlockingEngineConnection(final SocketChannel channel, final SocketType type, final byte[] routingId)
        throws IOException
    {
        this(channel, new StreamEngineConfig(type).routingId(routingId).maxMessageSize(64L << 20), routingId);
    }

    BlockingEngineConnection(final SocketChannel channel, final StreamEngineConfig config, final byte[] routingId)
        throws IOException
    {
        this(channel, config, new NullMechanism(new MechanismConfig(config.socketType, routingId)));
    }

    /**
     * Runs {@code mechanism} (CURVE, PLAIN, NULL with ZAP) with security in force, as a socket with it would.
     */
    static BlockingEngineConnection secured(
        final SocketChannel channel, final SocketType type, final SecurityMechanism mechanism) throws IOException
    {
        return new BlockingEngineConnection(
            channel, new StreamEngineConfig(type).maxMessageSize(64L << 20).securityInForce(true), mechanism);
    }

    private BlockingEngineConnection(
        final SocketChannel channel, final StreamEngineConfig config, final SecurityMechanism mechanism)
        throws IOException
    {
        this.channel = channel;
        channel.configureBlocking(true);
        channel.socket().setTcpNoDelay(true);
        channel.socket().setSoTimeout(10_000);
        engine = new StreamEngine(config, mechanism, listener);
        engine.start(System.nanoTime());
        flushControl();
    }

    /**
     * Reads until the handshake succeeds or fails.
     *
     * @return true if it succeeded.
     */
    boolean handshake() throws IOException
    {
        while (!engine.isActive() && !engine.isFailed())
        {
            if (engine.mechanism().awaitingZap())
            {
                // The engine never blocks on ZAP: tick it until the handler's reply lets the handshake go on.
                engine.onTimer(System.nanoTime());
                flushControl();
                Thread.onSpinWait();
                continue;
            }
            if (!readOnce())
            {
                return false;
            }
        }
        flushControl();
        return engine.isActive();
    }

    void send(final byte[]... parts) throws IOException
    {
        flushControl();
        for (int i = 0; i < parts.length; i++)
        {
            final byte[] part = parts[i];
            final byte[] wire = new byte[part.length + StreamEngine.maxFrameOverhead()];
            final UnsafeBuffer view = new UnsafeBuffer(wire);
            final int length = engine.encodeFrame(view, 0, i < parts.length - 1 ? FrameDescriptor.FLAG_MORE : 0,
                new UnsafeBuffer(part), 0, part.length);
            final ByteBuffer out = ByteBuffer.wrap(wire, 0, length);
            while (out.hasRemaining())
            {
                channel.write(out);
            }
        }
    }

    /**
     * @return the frames of the next message received.
     */
    List<byte[]> receive() throws IOException
    {
        while (true)
        {
            final List<byte[]> frames = listener.frames;
            for (int i = framesTaken; i < frames.size(); i++)
            {
                if ((listener.frameFlags.get(i) & FrameDescriptor.FLAG_MORE) == 0)
                {
                    final List<byte[]> message = new ArrayList<>(frames.subList(framesTaken, i + 1));
                    framesTaken = i + 1;
                    return message;
                }
            }
            if (!readOnce())
            {
                fail("connection closed before a whole message arrived: " + listener.failureReason);
            }
        }
    }

    /**
     * Reads what the socket has and feeds the engine; answers control traffic (PONG) at once.
     *
     * @return false at end of stream or engine failure.
     */
    boolean readOnce() throws IOException
    {
        readBuffer.limit(readBuffer.capacity()).position(readLength);
        final int read = channel.read(readBuffer);
        if (read < 0)
        {
            return false;
        }
        readLength += read;
        final int consumed = engine.onBytes(readView, 0, readLength, System.nanoTime());
        if (consumed < 0)
        {
            flushControl();
            return false;
        }
        readView.putBytes(0, readView, consumed, readLength - consumed);
        readLength -= consumed;
        flushControl();
        return true;
    }

    void flushControl() throws IOException
    {
        while (engine.controlLength() > 0)
        {
            final int length = engine.drainControl(writeView, 0, writeView.capacity());
            writeBuffer.limit(length).position(0);
            while (writeBuffer.hasRemaining())
            {
                channel.write(writeBuffer);
            }
        }
    }

    void assertOpen()
    {
        assertTrue(channel.isOpen());
    }

    public void close() throws IOException
    {
        channel.close();
        engine.close();
    }
}
