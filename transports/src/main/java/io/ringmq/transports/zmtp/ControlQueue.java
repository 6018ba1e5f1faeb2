package io.ringmq.transports.zmtp;

import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.FrameDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The engine's own bytes waiting for the wire (greeting, handshake commands, PING/PONG, ERROR), in the order they
 * were made. The connection drains them between messages of the data stream, so a control frame never lands
 * inside a multipart message. Fixed size: what the engine makes between two drains is small and bounded.
 */
final class ControlQueue
{
    static final int CAPACITY = 4096;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
    private int length;

    int length()
    {
        return length;
    }

    /**
     * @return true if {@code bytes} more fit.
     */
    boolean hasRoomFor(final int bytes)
    {
        return length + bytes <= CAPACITY;
    }

    void append(final DirectBuffer src, final int offset, final int srcLength)
    {
        buffer.putBytes(length, src, offset, srcLength);
        length += srcLength;
    }

    /** Queues {@code body} as one frame with the given flags (a command body with {@code FLAG_COMMAND}). */
    void appendFrame(final int flags, final DirectBuffer body, final int offset, final int bodyLength)
    {
        length += FrameDescriptor.encodeFrame(buffer, length, flags, body, offset, bodyLength);
    }

    void appendError(final String reason)
    {
        length += CommandEncoder.encodeError(buffer, length, reason);
    }

    /**
     * @return where an encoder writes in place, at {@link #length()}; then {@link #advance} by what it wrote.
     */
    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    void advance(final int written)
    {
        length += written;
    }

    /**
     * Moves up to {@code capacity} queued bytes into {@code dst}, oldest first.
     *
     * @return bytes moved.
     */
    int drain(final MutableDirectBuffer dst, final int offset, final int capacity)
    {
        final int moved = Math.min(length, capacity);
        if (moved > 0)
        {
            dst.putBytes(offset, buffer, 0, moved);
            buffer.putBytes(0, buffer, moved, length - moved);
            length -= moved;
        }
        return moved;
    }
}
