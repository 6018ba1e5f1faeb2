package io.ringmq.transports.connections;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes one connection has encoded and the kernel has not yet taken: control bytes and as many queued messages
 * as one write system call should carry. The buffer is the agent's, lent while it holds bytes and handed back once
 * they are written, so an idle connection holds none. A message larger than the buffer grows it once, by doubling.
 */
final class WriteBuffer
{
    private final ConnectionHost host;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    /** Lent by the agent while it holds unwritten bytes, null otherwise. */
    private ByteBuffer buffer;
    private int offset;
    private int length;

    WriteBuffer(final ConnectionHost host)
    {
        this.host = host;
    }

    /**
     * @return true while bytes wait for the kernel's send buffer.
     */
    boolean isPending()
    {
        return length > offset;
    }

    /**
     * @return bytes not yet written.
     */
    int pendingBytes()
    {
        return length - offset;
    }

    /**
     * @return bytes encoded so far, written or not: where the next encoder writes in {@link #view()}.
     */
    int length()
    {
        return length;
    }

    MutableDirectBuffer view()
    {
        return view;
    }

    /**
     * @return bytes free after {@link #length()}.
     */
    int room()
    {
        return view.capacity() - length;
    }

    /** An encoder wrote {@code bytes} into {@link #view()} at {@link #length()}. */
    void appended(final int bytes)
    {
        length += bytes;
    }

    /**
     * Makes room for {@code bytes} more after {@link #length()}: borrows the agent's buffer, moves what is left to
     * the front, or grows.
     */
    void ensureWritable(final int bytes)
    {
        if (buffer == null)
        {
            buffer = host.acquireBuffer(ConnectionHost.IO_BUFFER_CAPACITY);
            view.wrap(buffer);
        }
        if (length + bytes <= view.capacity())
        {
            return;
        }
        if (offset > 0)
        {
            view.putBytes(0, view, offset, length - offset);
            length -= offset;
            offset = 0;
        }
        if (length + bytes > view.capacity())
        {
            // A message larger than the buffer: grow once to hold it (amortised: doubling).
            final int capacity = Math.max(view.capacity() * 2, length + bytes);
            final ByteBuffer grown = ByteBuffer.allocateDirect(capacity);
            final UnsafeBuffer grownView = new UnsafeBuffer(grown);
            grownView.putBytes(0, view, 0, length);
            buffer = grown;
            view.wrap(grown);
        }
    }

    /**
     * Writes as much as the kernel takes.
     *
     * @return true if everything was written.
     */
    boolean writeTo(final SocketChannel channel) throws IOException
    {
        buffer.limit(length).position(offset);
        channel.write(buffer);
        offset = buffer.position();
        if (offset == length)
        {
            offset = 0;
            length = 0;
            return true;
        }
        return false;
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
