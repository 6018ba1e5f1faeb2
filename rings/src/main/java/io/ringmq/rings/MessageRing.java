package io.ringmq.rings;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.ringmq.rings.SlotDescriptor.*;

/**
 * One direction of a {@link Pipe}: single-producer Disruptor rings of {@link Slot}s over off-heap slot areas.
 * Exactly one thread writes and one thread reads at a time.
 *
 * <p>Counting. {@code readCount} counts whole messages the reader has taken; the writer may have at most
 * {@code limit} messages outstanding ({@code writeCount - readCount}): that is the exact high-water mark, whatever
 * the rings' sizes. Each ring's gating sequence trails {@code readCount} by at most one slot, because the reader
 * keeps the slot of the message it last returned until its next read so that views into it stay valid.
 *
 * <p>Lazy sizing. Nothing is allocated until the first claim; then a ring of {@link #INITIAL_SLOTS} slots (or fewer
 * for a small mark). When a ring is full but the mark allows more, the writer links a ring twice the size after it
 * and continues there; the reader drains the old ring, then follows the link. Rings grow up to {@code limit + 1}
 * rounded up to a power of two, so a mostly idle pipe stays small and a bursty one pays for what it queues.
 *
 * <p>The fields live in the padded superclasses of {@code MessageRingFields.java}: shared, writer and reader state
 * on cache lines of their own (MessageRing declares none).
 */
final class MessageRing extends MessageRingRightPad implements MessageQueue
{
    /** What HWM 0 ("no limit" in libzmq) means here: rings grow to 64Ki slots, 8 MiB off-heap, if ever that full. */
    static final int MAX_LIMIT = (1 << 16) - 1;
    /** Slots of the first ring: 4 KiB off-heap. */
    static final int INITIAL_SLOTS = 32;
    /** The most messages a reader takes before it pokes a parked writer, whatever the mark. */
    static final int MAX_LOW_WATER_BATCH = 256;
    /** The most messages a reader takes before it publishes its count and released slots to the writer. */
    static final int MAX_RELEASE_BATCH = 64;


    MessageRing(final int hwm)
    {
        limit(hwm);
    }

    public void readerWaker(final Waker waker)
    {
        readerWaker = waker;
    }

    public void writerWaker(final Waker waker)
    {
        writerWaker = waker;
    }

    public void writerProbe(final LatencyProbe probe)
    {
        writerProbe = probe;
        timed = null != probe || null != readerProbe;
    }

    public void readerProbe(final LatencyProbe probe)
    {
        readerProbe = probe;
        timed = null != probe || null != writerProbe;
    }

    /** Writer thread: the stamp the slot carries, from whichever party times this direction. */
    private long stamp()
    {
        final LatencyProbe writer = writerProbe;
        long stamp = null == writer ? LatencyProbe.NO_STAMP : writer.stamp();
        if (LatencyProbe.NO_STAMP == stamp)
        {
            final LatencyProbe reader = readerProbe;
            stamp = null == reader ? LatencyProbe.NO_STAMP : reader.stamp();
        }
        return stamp;
    }

    /** Reader thread: the message stamped {@code stamp} is being taken. */
    private void taken(final long stamp)
    {
        final LatencyProbe writer = writerProbe;
        if (null != writer)
        {
            writer.taken(stamp);
        }
        final LatencyProbe reader = readerProbe;
        if (null != reader)
        {
            reader.taken(stamp);
        }
    }

    public void metadata(final Object metadata)
    {
        this.metadata = metadata;
    }

    /**
     * Sets the high-water mark in whole messages; 0 or less means {@link #MAX_LIMIT}. May be raised or lowered any
     * time.
     */
    public void limit(final int hwm)
    {
        limit = hwm <= 0 ? MAX_LIMIT : Math.min(hwm, MAX_LIMIT);
    }

    public int limit()
    {
        return limit;
    }

    public boolean isAllocated()
    {
        return null != head;
    }

    /** @return slots of the ring the writer writes into now; 0 before the first message. Writer thread. */
    public int capacity()
    {
        final Storage s = null != writeStorage ? writeStorage : head;
        return null == s ? 0 : s.ring.getBufferSize();
    }

    // ---------------------------------------------------------------- writer side

    /**
     * @return true if a claim would succeed now: not closed, below the mark.
     */
    public boolean isWritable()
    {
        if (readerClosed)
        {
            return false;
        }
        if (writeCount - cachedReadCount >= limit)
        {
            cachedReadCount = readCount.get();
            return writeCount - cachedReadCount < limit;
        }
        return true;
    }

    /**
     * Claims the slot for the next message. Never blocks and never throws for "full".
     *
     * @return {@link #CLAIMED}, {@link #FULL} at the high-water mark, or {@link #CLOSED} if the reader has gone.
     */
    public int tryClaim()
    {
        if (claimSequence >= 0)
        {
            throw new IllegalStateException("message already claimed");
        }
        if (readerClosed)
        {
            return CLOSED;
        }
        final int limit = this.limit;
        if (writeCount - cachedReadCount >= limit)
        {
            cachedReadCount = readCount.get();
            if (writeCount - cachedReadCount >= limit)
            {
                return FULL;
            }
        }
        Storage s = writeStorage;
        if (null == s)
        {
            s = new Storage(Math.min(INITIAL_SLOTS, BitUtil.findNextPositivePowerOfTwo(limit + 1)));
            writeStorage = s;
            head = s;
        }
        if (!s.ring.hasAvailableCapacity(1))
        {
            // Below the mark but this ring is full: the reader has not caught up with what the mark allows, so
            // grow. Messages still in the old ring are read first; the reader follows the link when it is empty.
            final Storage bigger = new Storage(Math.max(
                s.ring.getBufferSize() * 2, Math.min(INITIAL_SLOTS, BitUtil.findNextPositivePowerOfTwo(limit + 1))));
            s.next = bigger;
            writeStorage = s = bigger;
        }
        final RingBuffer<Slot> ring = s.ring;
        final long sequence;
        try
        {
            // tryNext, not next: next() asserts (under -ea) that one thread ever produces, but a socket may be
            // handed to another thread, as libzmq allows. Capacity was just checked, so this cannot throw.
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return FULL;
        }
        claimSequence = sequence;
        claimSlot = ring.get(sequence);
        claimSlot.metadata = metadata;
        claimSlotOffset = slotOffset(sequence, s.mask);
        writeBuffer = s.slots;
        writeStart = inlineDataOffset(claimSlotOffset);
        writePosition = writeStart;
        writeLimit = claimSlotOffset + SLOT_LENGTH;
        writeFrames = 0;
        writeCount++;
        return CLAIMED;
    }

    public boolean isClaimed()
    {
        return claimSequence >= 0;
    }

    /** Appends one frame to the claimed message, moving the message to a pooled buffer if it outgrows the slot. */
    public void append(final DirectBuffer source, final int offset, final int length)
    {
        final int required = FRAME_LENGTH_FIELD + length;
        if (writePosition + required > writeLimit)
        {
            overflow(writePosition - writeStart + required);
        }
        writeBuffer.putInt(writePosition, length);
        writeBuffer.putBytes(writePosition + FRAME_LENGTH_FIELD, source, offset, length);
        writePosition += required;
        writeFrames++;
    }

    /** Appends one frame from a heap array. */
    public void append(final byte[] source, final int offset, final int length)
    {
        final int required = FRAME_LENGTH_FIELD + length;
        if (writePosition + required > writeLimit)
        {
            overflow(writePosition - writeStart + required);
        }
        writeBuffer.putInt(writePosition, length);
        writeBuffer.putBytes(writePosition + FRAME_LENGTH_FIELD, source, offset, length);
        writePosition += required;
        writeFrames++;
    }

    private void overflow(final int requiredLength)
    {
        if (requiredLength < 0)
        {
            throw new IllegalArgumentException("message too large");
        }
        final int used = writePosition - writeStart;
        // The buffer pool rounds up to a power of two, which leaves room for a few more frames.
        final int capacity =
            (int)Math.min(Integer.MAX_VALUE - 8, Math.max((long)requiredLength, BufferPool.MIN_CAPACITY));
        if (null == pool)
        {
            pool = new BufferPool();
        }
        final UnsafeBuffer bigger = pool.acquire(capacity);
        bigger.putBytes(0, writeBuffer, writeStart, used);
        // An outgrown overflow buffer is simply dropped: growth past the first overflow is rare.
        claimSlot.overflow = bigger;
        writeBuffer = bigger;
        writeStart = 0;
        writePosition = used;
        writeLimit = bigger.capacity();
    }

    /** Makes the claimed message visible to the reader, all frames at once, and wakes it if parked. */
    public void publish()
    {
        publish(0);
    }

    /**
     * Gives up the claimed message: its slot is published marked for the reader to skip (a sequence can't be
     * un-claimed).
     */
    public void abandon()
    {
        if (claimSequence >= 0)
        {
            publish(FLAG_DISCARD);
        }
    }

    private void publish(final int extraFlags)
    {
        final long sequence = claimSequence;
        if (sequence < 0)
        {
            throw new IllegalStateException("no message claimed");
        }
        final Storage s = writeStorage;
        final UnsafeBuffer slots = s.slots;
        int flags = (null != claimSlot.overflow ? FLAG_OVERFLOW : 0) | extraFlags;
        if (timed)
        {
            final long stamp = stamp();
            if (LatencyProbe.NO_STAMP != stamp)
            {
                slots.putLong(claimSlotOffset + TIMESTAMP_OFFSET, stamp);
                flags |= FLAG_STAMPED;
            }
        }
        slots.putInt(claimSlotOffset + FRAME_COUNT_OFFSET, writeFrames);
        slots.putInt(claimSlotOffset + DATA_LENGTH_OFFSET, writePosition - writeStart);
        slots.putInt(claimSlotOffset + FLAGS_OFFSET, flags);
        claimSequence = -1;
        claimSlot = null;
        writeBuffer = null;
        s.ring.publish(sequence);
        if (deferWakeups)
        {
            publishedSinceWake = true;
        }
        else
        {
            wake(readerWaker);
        }
    }

    /**
     * From now until {@link #flushWakeups()}, publishing does not wake the reader. An I/O agent decoding a read of
     * many messages publishes them all, then wakes the reader once: a reader woken per message on a core it shares
     * with the agent preempts it after every message and takes them one at a time (libzmq's engine likewise
     * flushes its pipe once per read). Writer thread.
     */
    public void deferWakeups()
    {
        deferWakeups = true;
    }

    /** Ends {@link #deferWakeups()}: wakes the reader (fenced) if anything was published meanwhile. Writer thread. */
    public void flushWakeups()
    {
        deferWakeups = false;
        if (publishedSinceWake)
        {
            publishedSinceWake = false;
            wake(readerWaker);
        }
    }

    /** The writer is done: the reader drains what was published, then sees the direction closed. */
    public void closeWriter()
    {
        abandon();
        writerClosed = true;
        wake(readerWaker);
    }

    public boolean isReaderClosed()
    {
        return readerClosed;
    }

    // ---------------------------------------------------------------- reader side

    /**
     * @return true if a message beyond the one last taken has been published.
     */
    public boolean hasMessage()
    {
        final Storage s = null != readStorage ? readStorage : head;
        if (null == s)
        {
            wakeWriterIfTaken();
            return false;
        }
        if (s.ring.getCursor() > (s == readStorage ? readSequence : -1))
        {
            return true;
        }
        // The writer links a bigger ring only after its last publish to this one, and publishes there right after.
        final Storage next = s.next;
        if (null != next && next.ring.getCursor() >= 0)
        {
            return true;
        }
        wakeWriterIfTaken();
        return false;
    }

    /**
     * Releases the previously read message and positions on the next one.
     *
     * @return its frame count, or 0 if no message is available.
     */
    public int beginRead()
    {
        if (framesLeft > 0)
        {
            throw new IllegalStateException("previous message not fully read");
        }
        release();
        Storage s = readStorage;
        if (null == s)
        {
            s = head;
            if (null == s)
            {
                wakeWriterIfTaken();
                return 0;
            }
            readStorage = s;
        }
        while (true)
        {
            final long next = readSequence + 1;
            if (s.ring.getCursor() < next)
            {
                final Storage bigger = s.next;
                // Seeing the link means the writer is done with this ring, but read its cursor again: a publish may
                // have landed between the first read and the link.
                if (null == bigger || s.ring.getCursor() >= next)
                {
                    if (null == bigger)
                    {
                        wakeWriterIfTaken();
                        return 0;
                    }
                    continue;
                }
                readStorage = s = bigger;
                readSequence = -1;
                // Nobody reads the old ring again: drop the reference that kept the chain of outgrown rings alive.
                head = bigger;
                continue;
            }
            readSequence = next;
            heldStorage = s;
            heldSequence = next;
            final int slotOffset = slotOffset(next, s.mask);
            final UnsafeBuffer slots = s.slots;
            final int flags = slots.getInt(slotOffset + FLAGS_OFFSET);
            readSlot = s.ring.get(next);
            if ((flags & FLAG_DISCARD) != 0)
            {
                messageTaken();
                release();
                continue;
            }
            final int frames = slots.getInt(slotOffset + FRAME_COUNT_OFFSET);
            if ((flags & FLAG_STAMPED) != 0)
            {
                taken(slots.getLong(slotOffset + TIMESTAMP_OFFSET));
            }
            if ((flags & FLAG_OVERFLOW) != 0)
            {
                readBuffer = readSlot.overflow;
                readPosition = 0;
            }
            else
            {
                readBuffer = slots;
                readPosition = inlineDataOffset(slotOffset);
            }
            framesLeft = frames;
            return frames;
        }
    }

    /**
     * Wraps {@code view} over the next frame of the message being read; valid until the next {@link #beginRead()}.
     *
     * @return frames still to read after this one (0 = this was the last, the "more" flag is clear).
     */
    public int nextFrame(final UnsafeBuffer view)
    {
        if (framesLeft <= 0)
        {
            throw new IllegalStateException("no frame to read");
        }
        final int length = readBuffer.getInt(readPosition);
        view.wrap(readBuffer, readPosition + FRAME_LENGTH_FIELD, length);
        readPosition += FRAME_LENGTH_FIELD + length;
        if (--framesLeft == 0)
        {
            messageTaken();
        }
        return framesLeft;
    }

    /** Skips the rest of the message being read. */
    public void skipRest()
    {
        if (framesLeft > 0)
        {
            framesLeft = 0;
            messageTaken();
        }
    }

    public int framesLeft()
    {
        return framesLeft;
    }

    /**
     * @return metadata of the connection the message being read came from.
     */
    public Object readMetadata()
    {
        return null == readSlot ? null : readSlot.metadata;
    }

    private void messageTaken()
    {
        // The count the writer sees is published once per release batch (and whenever the ring is found empty),
        // not per message: a writer at its mark then gets room in batches, and the two threads stop trading the
        // counter's cache line on every message (the Disruptor's batch processors update their sequence once per
        // batch for the same reason).
        takenCount++;
        if (++unpublishedTakes >= releaseBatch())
        {
            publishReads();
        }
        // No full fence per message, and no poke per message either: a writer parked at the mark is poked once
        // per low-water batch (half the mark, as libzmq's reader sends activate_write at its low-water mark), so
        // on a shared core it resumes with room for a batch instead of one slot at a time. A writer that armed
        // its flag after a poke, or between batches, is woken by the fenced wake when the ring is found empty
        // (wakeWriterIfTaken): the pause always ends.
        final Waker waker = writerWaker;
        if (Waker.NONE != waker)
        {
            takenSinceFence = true;
            if (++takenSinceWake >= lowWaterBatch())
            {
                takenSinceWake = 0;
                publishReads();
                waker.wake();
            }
        }
    }

    /** Makes the messages taken and the slots released so far visible to the writer. Reader thread. */
    private void publishReads()
    {
        unpublishedTakes = 0;
        final Storage s = releasedStorage;
        if (null != s)
        {
            releasedStorage = null;
            s.released.set(releasedSequence);
        }
        readCount.set(takenCount);
    }

    private int releaseBatch()
    {
        return Math.max(1, Math.min(limit >> 2, MAX_RELEASE_BATCH));
    }

    private int lowWaterBatch()
    {
        return Math.max(1, Math.min(limit >> 1, MAX_LOW_WATER_BATCH));
    }

    /**
     * The reader found the ring empty: if it took messages since the last fenced wake-up, make sure a writer that
     * parked in the meantime sees the room they left.
     */
    private void wakeWriterIfTaken()
    {
        if (unpublishedTakes > 0 || null != releasedStorage)
        {
            publishReads();
        }
        if (takenSinceFence)
        {
            takenSinceFence = false;
            takenSinceWake = 0;
            wake(writerWaker);
        }
    }

    /** Hands the slot of the last message read back to the writer. */
    public void release()
    {
        final Storage s = heldStorage;
        if (null != s)
        {
            heldStorage = null;
            final Slot slot = readSlot;
            final UnsafeBuffer overflow = slot.overflow;
            if (null != overflow)
            {
                slot.overflow = null;
                pool.release(overflow);
            }
            slot.metadata = null;
            readSlot = null;
            readBuffer = null;
            if (null != releasedStorage && releasedStorage != s)
            {
                // The reader moved on to a bigger ring: what it released in the old one is published first.
                releasedStorage.released.set(releasedSequence);
            }
            releasedStorage = s;
            releasedSequence = heldSequence;
        }
    }

    public void closeReader()
    {
        if (framesLeft() > 0)
        {
            skipRest();
        }
        release();
        publishReads();
        readerClosed = true;
        wake(writerWaker);
    }

    /**
     * @return true once the writer has closed and every message it published has been read.
     */
    public boolean isDrainedAndWriterClosed()
    {
        return writerClosed && !hasMessage() && framesLeft() == 0;
    }

    boolean isWriterClosed()
    {
        return writerClosed;
    }

    long readCount()
    {
        return readCount.get();
    }

    /**
     * @return messages published and not yet taken by the reader (writer thread only).
     */
    public long unread()
    {
        return writeCount - readCount.get();
    }

    public void bufferingReader()
    {
        bufferingReader = true;
    }

    public void handedOn()
    {
        final long taken = takenCount;
        if (taken != handedOnPublished)
        {
            handedOnPublished = taken;
            // A release store (a plain store on x86), once per emptied buffer, on the Sequence's own padded line.
            handedOnCount.set(taken);
        }
    }

    public long undelivered()
    {
        // readCount first: a reader sets bufferingReader before it takes anything, so a count it published carries
        // the flag with it (acquire), and a flag not yet seen means nothing was taken.
        final long read = readCount.get();
        return writeCount - (bufferingReader ? handedOnCount.get() : read);
    }

    int pooledBuffers()
    {
        return null == pool ? 0 : pool.pooled();
    }

    static void wake(final Waker waker)
    {
        if (Waker.NONE != waker)
        {
            // The ring's cursor is a release store; a parked reader stores its flag then re-reads the cursor. Without
            // a full fence here the flag load could pass the cursor store and a wake-up would be lost.
            VarHandle.fullFence();
            waker.wake();
        }
    }
}
