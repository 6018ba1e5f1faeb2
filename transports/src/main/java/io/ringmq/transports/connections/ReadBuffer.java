package io.ringmq.transports.connections;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes one connection has read and not yet decoded. One large read takes what the kernel holds and every
 * frame in it is decoded in one pass; what the decoder leaves (a partial frame, or everything once the socket's
 * ring is at its mark) moves to the front for the next pass. The buffer is the agent's, lent while it holds
 * bytes, so an idle connection holds none.
 */
final class ReadBuffer
{
    private final ConnectionHost host;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    /** Lent by the agent while it holds undecoded bytes, null otherwise. */
    private ByteBuffer buffer;
    private int length;

    ReadBuffer(final ConnectionHost host)
    {
        this.host = host;
    }

    /**
     * Reads what fits after the bytes already held.
     *
     * @return bytes read, or -1 at the end of the stream.
     */
    int readFrom(final SocketChannel channel) throws IOException
    {
        if (buffer == null)
        {
            buffer = host.acquireBuffer(ConnectionHost.IO_BUFFER_CAPACITY);
            view.wrap(buffer);
        }
        buffer.limit(buffer.capacity()).position(length);
        final int read = channel.read(buffer);
        if (read > 0)
        {
            length += read;
        }
        return read;
    }

    DirectBuffer view()
    {
        return view;
    }

    /**
     * @return undecoded bytes held, from offset 0 of {@link #view()}.
     */
    int length()
    {
        return length;
    }

    /** The decoder took the first {@code bytes}: the rest moves to the front. */
    void consumed(final int bytes)
    {
        if (bytes > 0 && bytes < length)
        {
            view.putBytes(0, view, bytes, length - bytes);
        }
        length -= bytes;
    }

    /** Hands the buffer back to the agent if it holds nothing. */
    void returnIfEmpty()
    {
        if (length == 0 && buffer != null)
        {
            host.releaseBuffer(buffer);
            buffer = null;
            view.wrap(0, 0);
        }
    }

    /** The connection closed: hands the buffer back whatever it holds. */
    void release()
    {
        if (buffer != null)
        {
            host.releaseBuffer(buffer);
            buffer = null;
        }
    }
}
