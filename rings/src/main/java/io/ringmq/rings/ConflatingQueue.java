package io.ringmq.rings;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A pipe direction under CONFLATE: the {@link ConflatingSlot} (only the newest message is kept) with the lifecycle
 * and wake-ups every direction has. The writer never waits and high-water marks do not apply, as in libzmq.
 */
final class ConflatingQueue implements MessageQueue
{
    private final ConflatingSlot slot = new ConflatingSlot();
    private volatile Waker readerWaker = Waker.NONE;
    private volatile Waker writerWaker = Waker.NONE;
    private volatile Object metadata;
    private volatile boolean writerClosed;
    private volatile boolean readerClosed;
    private volatile boolean bufferingReader;
    /** A buffering reader took the newest message and has not handed it on yet. */
    private volatile boolean heldByReader;

    public void readerWaker(final Waker waker)
    {
        readerWaker = waker;
    }

    public void writerWaker(final Waker waker)
    {
        writerWaker = waker;
    }

    /**
     * Conflated messages are not timed: the one kept replaces others that waited, so "how long it waited" has no
     * single answer (engine/README.md).
     */
    public void writerProbe(final LatencyProbe probe)
    {
    }

    public void readerProbe(final LatencyProbe probe)
    {
    }

    public void metadata(final Object metadata)
    {
        this.metadata = metadata;
    }

    /** High-water marks do not apply under CONFLATE. */
    public void limit(final int hwm)
    {
    }

    public int limit()
    {
        return 1;
    }

    public boolean isAllocated()
    {
        return false;
    }

    public int capacity()
    {
        return 0;
    }

    public boolean isWritable()
    {
        return !readerClosed;
    }

    public int tryClaim()
    {
        if (readerClosed)
        {
            return CLOSED;
        }
        slot.claim(metadata);
        return CLAIMED;
    }

    public boolean isClaimed()
    {
        return slot.isClaimed();
    }

    public void append(final DirectBuffer source, final int offset, final int length)
    {
        slot.append(source, offset, length);
    }

    public void append(final byte[] source, final int offset, final int length)
    {
        slot.append(source, offset, length);
    }

    public void publish()
    {
        slot.publish();
        MessageRing.wake(readerWaker);
    }

    public void abandon()
    {
        slot.abandon();
    }

    /** Every publish wakes the reader: there is at most one message to wake it for. */
    public void deferWakeups()
    {
    }

    public void flushWakeups()
    {
    }

    public void closeWriter()
    {
        abandon();
        writerClosed = true;
        MessageRing.wake(readerWaker);
    }

    public boolean isReaderClosed()
    {
        return readerClosed;
    }

    public long unread()
    {
        return slot.hasMessage() ? 1 : 0;
    }

    public boolean hasMessage()
    {
        return slot.hasMessage();
    }

    public int beginRead()
    {
        // Held before taken: a writer that sees the slot emptied by this take then sees the hold (undelivered()).
        if (bufferingReader && slot.hasMessage())
        {
            heldByReader = true;
        }
        return slot.beginRead();
    }

    public void bufferingReader()
    {
        bufferingReader = true;
    }

    public void handedOn()
    {
        if (heldByReader)
        {
            heldByReader = false;
        }
    }

    /** The slot's message, and the one a buffering reader took but has not handed on: at most 2. */
    public long undelivered()
    {
        return unread() + (heldByReader ? 1 : 0);
    }

    public int nextFrame(final UnsafeBuffer view)
    {
        return slot.nextFrame(view);
    }

    public void skipRest()
    {
        slot.skipRest();
    }

    public int framesLeft()
    {
        return slot.framesLeft();
    }

    public Object readMetadata()
    {
        return slot.readMetadata();
    }

    public void release()
    {
        slot.release();
    }

    public void closeReader()
    {
        if (framesLeft() > 0)
        {
            skipRest();
        }
        release();
        readerClosed = true;
        MessageRing.wake(writerWaker);
    }

    public boolean isDrainedAndWriterClosed()
    {
        return writerClosed && !hasMessage() && framesLeft() == 0;
    }
}
