package io.ringmq.rings;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One direction of a {@link Pipe}, chosen when the pipe is built: a {@link MessageRing} (bounded by the high-water
 * mark) or, under CONFLATE, a {@link ConflatingQueue} (only the newest message). The pipe's ends talk to this
 * interface, so the hot path never asks which one it has. One writing thread and one reading thread at a time.
 */
interface MessageQueue
{
    int CLAIMED = 0;
    int FULL = -1;
    int CLOSED = -2;

    // Set by the ends when an owner installs its waker or metadata.
    void readerWaker(Waker waker);

    void writerWaker(Waker waker);

    void metadata(Object metadata);

    /**
     * Installs (or, with null, removes) a probe timing this direction's messages: the writing party's (its send
     * residency) and the reading party's (its receive residency); inproc has both, a network pipe the socket's.
     */
    void writerProbe(LatencyProbe probe);

    void readerProbe(LatencyProbe probe);

    void limit(int hwm);

    int limit();

    boolean isAllocated();

    int capacity();

    // Writer side.
    boolean isWritable();

    int tryClaim();

    boolean isClaimed();

    void append(DirectBuffer source, int offset, int length);

    void append(byte[] source, int offset, int length);

    void publish();

    void abandon();

    void deferWakeups();

    void flushWakeups();

    void closeWriter();

    boolean isReaderClosed();

    long unread();

    /**
     * Reader, before its first read: it copies what it takes into a buffer of its own (a transport's write buffer),
     * so a message it took still counts as undelivered (see {@link #undelivered()}) until {@link #handedOn()}.
     */
    void bufferingReader();

    /** Reader: everything taken so far has left the reader's own buffer (a transport: written to the kernel). */
    void handedOn();

    /**
     * Writer: messages written that the reader has not taken, or (a buffering reader) took and has not handed on:
     * what LINGER still has to deliver.
     */
    long undelivered();

    // Reader side.
    boolean hasMessage();

    int beginRead();

    int nextFrame(UnsafeBuffer view);

    void skipRest();

    int framesLeft();

    Object readMetadata();

    void release();

    void closeReader();

    boolean isDrainedAndWriterClosed();
}
