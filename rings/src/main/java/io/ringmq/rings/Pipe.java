package io.ringmq.rings;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Two single-producer rings joining two parties (a socket and a connection, or two inproc sockets): one ring per
 * direction. Each party holds one {@link End}; an end writes into its outbound ring and reads from its inbound one,
 * and is used by one thread at a time.
 *
 * <p>Writing a message: {@link End#tryClaim()} (checks the high-water mark and ring capacity, never blocks),
 * {@link End#append} once per frame, then {@link End#publish()}. The reader sees all frames or none.
 *
 * <p>Reading: {@link End#beginRead()} returns the frame count of the next message (0 if none), then
 * {@link End#nextFrame} once per frame. Views stay valid until the next {@code beginRead} on that end.
 *
 * <p>Memory (measured on JDK 17, compressed oops): an idle pipe (no message ever sent) is under 1 KiB on-heap and
 * nothing off-heap. A direction's first message allocates a ring of 32 slots: 4 KiB off-heap (128 bytes a slot) and
 * about 2 KiB on-heap (slot events, the Disruptor's entry array and sequencer). When more messages are queued than
 * a ring holds, and the high-water mark allows them, the writer moves on to a ring twice the size, up to
 * {@code nextPowerOfTwo(hwm + 1)} slots: a queue of 1,000 messages ends in a 1,024-slot ring, 128 KiB off-heap and
 * about 30 KiB on-heap, plus the outgrown rings until the reader has drained them. Messages over
 * {@value SlotDescriptor#INLINE_CAPACITY} bytes of frame data use pooled off-heap buffers (at most 8 kept per
 * direction). Outgrown rings are freed by the garbage collector.
 */
public final class Pipe
{
    /** The claim succeeded; append frames then publish. */
    public static final int CLAIMED = MessageQueue.CLAIMED;
    /** The direction is at its high-water mark: back-pressure, try later. */
    public static final int FULL = MessageQueue.FULL;
    /** The reading party has closed its end: nothing written now would be read. */
    public static final int CLOSED = MessageQueue.CLOSED;
    /** High-water mark used for a requested mark of 0 (libzmq's "no limit"). */
    public static final int MAX_HWM = MessageRing.MAX_LIMIT;

    private final MessageQueue aToB;
    private final MessageQueue bToA;
    private final End a;
    private final End b;

    /**
     * @param hwmAToB high-water mark in messages for what end A writes (0 = {@link #MAX_HWM}).
     * @param hwmBToA high-water mark in messages for what end B writes (0 = {@link #MAX_HWM}).
     */
    public Pipe(final int hwmAToB, final int hwmBToA)
    {
        this(hwmAToB, hwmBToA, false);
    }

    /**
     * @param conflate true for CONFLATE: each direction is a single overwritable message (the reader gets only the
     *                 newest; the writer never waits, and high-water marks do not apply).
     */
    public Pipe(final int hwmAToB, final int hwmBToA, final boolean conflate)
    {
        // Chosen once here, so no read or write asks which kind it has.
        aToB = conflate ? new ConflatingQueue() : new MessageRing(hwmAToB);
        bToA = conflate ? new ConflatingQueue() : new MessageRing(hwmBToA);
        a = new End(aToB, bToA);
        b = new End(bToA, aToB);
        a.peer = b;
        b.peer = a;
    }

    public End endA()
    {
        return a;
    }

    public End endB()
    {
        return b;
    }

    /**
     * The libzmq inproc rule: a direction holds the writer's SNDHWM plus the reader's RCVHWM; 0 on either = no limit.
     */
    public static int inprocHwm(final int writerSndHwm, final int readerRcvHwm)
    {
        if (writerSndHwm <= 0 || readerRcvHwm <= 0)
        {
            return 0;
        }
        return (int)Math.min(MAX_HWM, (long)writerSndHwm + readerRcvHwm);
    }

    /** One party's side of a pipe. Not thread-safe: one writing thread and one reading thread per end at a time. */
    public static final class End
    {
        private final MessageQueue out;
        private final MessageQueue in;
        private End peer;
        private Object attachment;

        End(final MessageQueue out, final MessageQueue in)
        {
            this.out = out;
            this.in = in;
        }

        /** @return the other party's end. */
        public End peer()
        {
            return peer;
        }

        /**
         * Sets what a peer pokes after publishing to, or consuming from, this end, i.e. how the owner of this end is
         * woken when parked. {@link Waker#NONE} (the default) for owners that poll.
         */
        public void waker(final Waker waker)
        {
            out.writerWaker(waker);
            in.readerWaker(waker);
        }

        /**
         * Times this end's messages in both directions: {@code outbound} how long what this end writes waits for
         * the peer to take it, {@code inbound} how long what the peer writes waits for this end. Null = not timed.
         */
        public void latencyProbes(final LatencyProbe outbound, final LatencyProbe inbound)
        {
            out.writerProbe(outbound);
            in.readerProbe(inbound);
        }

        /** Metadata of this party, carried by every message it writes (e.g. a connection's peer address). */
        public void metadata(final Object metadata)
        {
            out.metadata(metadata);
        }

        /** Free slot for the owner of this end to hang its per-pipe state on. */
        public Object attachment()
        {
            return attachment;
        }

        public void attachment(final Object attachment)
        {
            this.attachment = attachment;
        }

        /** @param hwm high-water mark for what this end writes, in messages; 0 = {@link #MAX_HWM}. */
        public void outboundHwm(final int hwm)
        {
            out.limit(hwm);
        }

        public int outboundHwm()
        {
            return out.limit();
        }

        // ------------------------------------------------------------ writing

        /** @return true if {@link #tryClaim()} would succeed now. */
        public boolean isWritable()
        {
            return !out.isClaimed() && out.isWritable();
        }

        /** @return {@link #CLAIMED}, {@link #FULL} or {@link #CLOSED}. Never blocks, never throws for "full". */
        public int tryClaim()
        {
            return out.tryClaim();
        }

        public boolean isClaimed()
        {
            return out.isClaimed();
        }

        public void append(final DirectBuffer source, final int offset, final int length)
        {
            out.append(source, offset, length);
        }

        public void append(final byte[] source, final int offset, final int length)
        {
            out.append(source, offset, length);
        }

        public void publish()
        {
            out.publish();
        }

        /**
         * Until {@link #flushWakeups()}, publishing does not wake the peer: for a writer that publishes a batch
         * (an I/O agent decoding one read) and wakes the reader once.
         */
        public void deferWakeups()
        {
            out.deferWakeups();
        }

        /** Wakes the peer once for everything published since {@link #deferWakeups()}. */
        public void flushWakeups()
        {
            out.flushWakeups();
        }

        /** Drops a claimed, unpublished message (the reader never sees it). */
        public void abandon()
        {
            out.abandon();
        }

        // ------------------------------------------------------------ reading

        /** @return true if a message is waiting to be read. */
        public boolean hasMessage()
        {
            return in.hasMessage();
        }

        /** Releases the last message read and positions on the next. @return its frame count, 0 if none. */
        public int beginRead()
        {
            return in.beginRead();
        }

        /** Wraps {@code view} over the next frame. @return frames left after it; 0 = last frame. */
        public int nextFrame(final UnsafeBuffer view)
        {
            return in.nextFrame(view);
        }

        public int framesLeft()
        {
            return in.framesLeft();
        }

        /** Discards the remaining frames of the message being read. */
        public void skipRest()
        {
            in.skipRest();
        }

        /** Hands the last message read back to the writer now rather than at the next {@link #beginRead()}. */
        public void release()
        {
            in.release();
        }

        /** @return the writer's metadata carried by the message being read. */
        public Object readMetadata()
        {
            return in.readMetadata();
        }

        // ------------------------------------------------------------ lifecycle

        /** Closes this end: the peer can still read what was published, then sees the pipe closed. */
        public void close()
        {
            out.closeWriter();
            in.closeReader();
        }

        /**
         * @return messages this end published that the peer has not delivered yet (call on the writing thread): for
         * a connection, messages not yet written to the kernel, whether still in the ring or taken into the
         * connection's write buffer (see {@link #buffersWhatItReads()}).
         */
        public long outboundPending()
        {
            return out.undelivered();
        }

        /**
         * Reader of this end's inbound direction, before its first read: it copies what it reads into a buffer of its
         * own (a transport's write buffer), so the peer's {@link #outboundPending()} counts what it took until
         * {@link #handedOn()}. A connection that wrote to the kernel only what fit would otherwise let LINGER and
         * the tools' final flush end with the rest still in user space, and lose it.
         */
        public void buffersWhatItReads()
        {
            in.bufferingReader();
        }

        /** Reader: everything read so far has left this end's buffer (a transport: the kernel took the bytes). */
        public void handedOn()
        {
            in.handedOn();
        }

        /**
         * @return messages waiting in the outbound direction, from any thread: a monitoring sample (the counters
         * file's queue depth), never flow control. The writer's count is a plain field read racily; a long is
         * written whole on the 64-bit JVMs ringmq runs on, so the sample is a value the ring had, just late.
         */
        public long outboundDepthSample()
        {
            return out.unread();
        }

        /** @return messages waiting in the inbound direction for this end's reader, sampled as above. */
        public long inboundDepthSample()
        {
            return in.unread();
        }

        /** @return true once this end was closed. */
        public boolean isClosed()
        {
            return in.isReaderClosed();
        }

        /** @return true if the peer has closed its end, so writes would be lost. */
        public boolean isPeerClosed()
        {
            return out.isReaderClosed();
        }

        /** @return true once the peer closed and all it sent has been read: the pipe can be forgotten. */
        public boolean isDrainedAndPeerClosed()
        {
            return in.isDrainedAndWriterClosed();
        }

        /** @return true once the inbound direction allocated its ring (rings are allocated on first use). */
        public boolean isInboundAllocated()
        {
            return in.isAllocated();
        }

        public boolean isOutboundAllocated()
        {
            return out.isAllocated();
        }

        /** @return slots in the outbound ring, 0 until its first message. */
        public int outboundCapacity()
        {
            return out.capacity();
        }
    }
}
