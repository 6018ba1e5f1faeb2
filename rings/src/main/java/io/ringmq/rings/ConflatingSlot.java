package io.ringmq.rings;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicReference;

import static io.ringmq.rings.SlotDescriptor.FRAME_LENGTH_FIELD;

/**
 * One direction of a pipe under CONFLATE: not a ring but a single overwritable message, so the reader always gets
 * the newest and the writer never waits. Buffers are exchanged, never shared: the writer fills its own, then swaps
 * it into {@code latest} (taking back whatever older message the reader did not take, which is thereby dropped);
 * the reader swaps {@code latest} out and, when done, leaves its buffer in {@code spare} for the writer.
 */
final class ConflatingSlot
{
    /** A message being written, waiting, or being read: frames as in a ring slot's data area. */
    private static final class Message
    {
        UnsafeBuffer buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(SlotDescriptor.SLOT_LENGTH, BitUtil.CACHE_LINE_LENGTH));
        int frames;
        int length;
        Object metadata;
        boolean discard;
    }

    private final AtomicReference<Message> latest = new AtomicReference<>();
    private final AtomicReference<Message> spare = new AtomicReference<>();

    // Writer-thread state.
    private Message writing;
    private boolean claimed;

    // Reader-thread state.
    private Message reading;
    private int readPosition;
    private int framesLeft;

    void claim(final Object metadata)
    {
        if (null == writing)
        {
            writing = spare.getAndSet(null);
            if (null == writing)
            {
                writing = new Message();
            }
        }
        writing.frames = 0;
        writing.length = 0;
        writing.metadata = metadata;
        writing.discard = false;
        claimed = true;
    }

    boolean isClaimed()
    {
        return claimed;
    }

    void append(final DirectBuffer source, final int offset, final int length)
    {
        final int position = ensure(length);
        writing.buffer.putBytes(position + FRAME_LENGTH_FIELD, source, offset, length);
    }

    void append(final byte[] source, final int offset, final int length)
    {
        final int position = ensure(length);
        writing.buffer.putBytes(position + FRAME_LENGTH_FIELD, source, offset, length);
    }

    private int ensure(final int length)
    {
        final Message message = writing;
        final int position = message.length;
        final int required = position + FRAME_LENGTH_FIELD + length;
        if (required > message.buffer.capacity())
        {
            final UnsafeBuffer bigger = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
                BitUtil.findNextPositivePowerOfTwo(required), BitUtil.CACHE_LINE_LENGTH));
            bigger.putBytes(0, message.buffer, 0, position);
            message.buffer = bigger;
        }
        message.buffer.putInt(position, length);
        message.length = required;
        message.frames++;
        return position;
    }

    /** Publishes the message, replacing any the reader has not taken yet. */
    void publish()
    {
        claimed = false;
        writing = latest.getAndSet(writing);
    }

    void abandon()
    {
        claimed = false;
    }

    boolean hasMessage()
    {
        return null != latest.get();
    }

    int beginRead()
    {
        release();
        reading = latest.getAndSet(null);
        if (null == reading)
        {
            return 0;
        }
        readPosition = 0;
        framesLeft = reading.frames;
        return framesLeft;
    }

    int nextFrame(final UnsafeBuffer view)
    {
        final int length = reading.buffer.getInt(readPosition);
        view.wrap(reading.buffer, readPosition + FRAME_LENGTH_FIELD, length);
        readPosition += FRAME_LENGTH_FIELD + length;
        return --framesLeft;
    }

    void skipRest()
    {
        framesLeft = 0;
    }

    int framesLeft()
    {
        return framesLeft;
    }

    Object readMetadata()
    {
        return null == reading ? null : reading.metadata;
    }

    void release()
    {
        if (null != reading)
        {
            reading.metadata = null;
            spare.set(reading);
            reading = null;
            framesLeft = 0;
        }
    }
}
