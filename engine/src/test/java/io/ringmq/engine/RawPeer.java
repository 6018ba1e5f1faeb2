package io.ringmq.engine;

import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A peer that speaks bytes, not ZMTP: for tests of what a hostile or broken peer costs. Blocking, tcp or ipc.
 */
final class RawPeer implements AutoCloseable
{
    private final SocketChannel channel;

    private RawPeer(final SocketChannel channel)
    {
        this.channel = channel;
    }

    static RawPeer connect(final String endpoint) throws IOException
    {
        if (endpoint.startsWith("ipc://"))
        {
            final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(Path.of(endpoint.substring("ipc://".length()))));
            return new RawPeer(channel);
        }
        final String hostPort = endpoint.substring("tcp://".length());
        final int colon = hostPort.lastIndexOf(':');
        final SocketChannel channel = SocketChannel.open(
            new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        return new RawPeer(channel);
    }

    /** A ZMTP 3.1 greeting for the NULL mechanism, as a client. */
    static byte[] nullGreeting()
    {
        final UnsafeBuffer greeting = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH]);
        GreetingDescriptor.encode(greeting, 0, Mechanism.NULL, false);
        return greeting.byteArray();
    }

    void write(final byte[] bytes) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /**
     * Reads and discards until the other side closes the connection.
     *
     * @return true if it closed (end of stream or reset), false if it was still open after {@code timeoutMs}.
     */
    boolean closedByPeerWithin(final long timeoutMs) throws IOException
    {
        channel.configureBlocking(false);
        final ByteBuffer buffer = ByteBuffer.allocate(4096);
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() - deadline < 0)
        {
            buffer.clear();
            try
            {
                if (channel.read(buffer) < 0)
                {
                    return true;
                }
            }
            catch (final IOException reset)
            {
                return true;
            }
            Thread.yield();
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    boolean isOpen()
    {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
