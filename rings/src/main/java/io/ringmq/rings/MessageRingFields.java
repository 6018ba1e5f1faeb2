package io.ringmq.rings;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringmq.rings.SlotDescriptor.SLOT_LENGTH;

/*
 * The fields of MessageRing, in the Disruptor's way of laying out RingBuffer and SingleProducerSequencer: HotSpot
 * places a superclass's fields before its subclass's, so a class of 64 unused bytes between two groups keeps them
 * on different 64-byte cache lines whatever the JVM does within a class. Bytes, not the Disruptor's seven longs:
 * since JDK 15 a subclass's small fields may fill gaps left in its superclass's layout, and a pad of bytes fills
 * those gaps itself before the next group is laid out (MessageRingLayoutTest checks the offsets). The writer's fields
 * change on every claim and publish, the reader's on every read; sharing a line would make each thread's stores
 * invalidate the line the other is reading on every message (false sharing). The fields both threads read (marks,
 * wakers, flags) change rarely and get a line of their own. The classes exist only for the layout; MessageRing holds
 * the logic.
 */

abstract class MessageRingLeftPad
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

/** Set rarely, read by both threads. */
abstract class MessageRingSharedFields extends MessageRingLeftPad
{
    /** One ring and its slot area; {@code next} is set once, by the writer, when it moves on to a bigger ring. */
    static final class Storage
    {
        final RingBuffer<Slot> ring;
        final UnsafeBuffer slots;
        final Sequence released = new Sequence(-1);
        final int mask;
        volatile Storage next;

        Storage(final int capacity)
        {
            // Nobody waits through the Disruptor here (readers poll and park with their own idle strategies), so a
            // wait strategy whose publish-side signal is a no-op: the default BlockingWaitStrategy would take a lock
            // on every publish.
            ring = RingBuffer.createSingleProducer(Slot::new, capacity, new com.lmax.disruptor.BusySpinWaitStrategy());
            ring.addGatingSequences(released);
            slots = new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(capacity * SLOT_LENGTH, BitUtil.CACHE_LINE_LENGTH));
            mask = capacity - 1;
        }
    }

    final Sequence readCount = new Sequence(0);
    /**
     * Messages a buffering reader (a transport copying what it takes into its write buffer) has handed on: its
     * {@code takenCount} as of the last time its buffer was empty, published by the reader (MessageRing.handedOn).
     * The writer counts delivery by it instead of {@code readCount} once {@code bufferingReader} is set, so LINGER
     * and the CLI's final flush do not mistake bytes still in user space for bytes handed to the kernel.
     */
    final Sequence handedOnCount = new Sequence(0);
    /** Set once, by a buffering reader before its first read. */
    volatile boolean bufferingReader;
    /**
     * Created by the writer on its first overflow; the reader only ever returns buffers of messages it read, so it
     * sees the pool through the same publication that carried the buffer.
     */
    BufferPool pool;
    /** The ring the reader starts from: the first ring, then (set by the reader) whichever it moved on to. */
    volatile Storage head;
    volatile int limit;
    volatile boolean writerClosed;
    volatile boolean readerClosed;
    volatile Waker readerWaker = Waker.NONE;
    volatile Waker writerWaker = Waker.NONE;
    volatile Object metadata;
    /** Null unless a party tracks latency: then each slot carries a stamp taken at publish. */
    volatile LatencyProbe writerProbe;
    volatile LatencyProbe readerProbe;
    /** Either probe set: the one field publish reads when nobody tracks latency. */
    volatile boolean timed;
}

abstract class MessageRingSharedPad extends MessageRingSharedFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/** The writer thread's own state. */
abstract class MessageRingWriterFields extends MessageRingSharedPad
{
    /** While true, publishes do not wake the reader: the writer wakes it once for the batch (flushWakeups). */
    boolean deferWakeups;
    boolean publishedSinceWake;
    Storage writeStorage;
    long writeCount;
    long cachedReadCount;
    long claimSequence = -1;
    Slot claimSlot;
    UnsafeBuffer writeBuffer;
    int claimSlotOffset;
    int writeStart;
    int writePosition;
    int writeLimit;
    int writeFrames;
}

abstract class MessageRingWriterPad extends MessageRingWriterFields
{
    byte p200, p201, p202, p203, p204, p205, p206, p207, p208, p209, p210, p211, p212, p213, p214, p215;
    byte p216, p217, p218, p219, p220, p221, p222, p223, p224, p225, p226, p227, p228, p229, p230, p231;
    byte p232, p233, p234, p235, p236, p237, p238, p239, p240, p241, p242, p243, p244, p245, p246, p247;
    byte p248, p249, p250, p251, p252, p253, p254, p255, p256, p257, p258, p259, p260, p261, p262, p263;
}

/** The reader thread's own state. */
abstract class MessageRingReaderFields extends MessageRingWriterPad
{
    boolean takenSinceFence;
    /** Messages taken since the writer was last poked: it is poked once per low-water batch, not per message. */
    int takenSinceWake;
    Storage readStorage;
    long readSequence = -1;
    Storage heldStorage;
    long heldSequence;
    Slot readSlot;
    DirectBuffer readBuffer;
    int readPosition;
    int framesLeft;
    /** Messages taken; published to readCount in batches (MessageRing.publishReads). */
    long takenCount;
    int unpublishedTakes;
    /** The ring and sequence up to which slots are released but not yet published to the writer's gate. */
    Storage releasedStorage;
    long releasedSequence;
    /** The value last published to handedOnCount: a buffer emptied with nothing new taken publishes nothing. */
    long handedOnPublished;
}

/** After the reader's fields: whatever the heap puts next does not share their line. */
abstract class MessageRingRightPad extends MessageRingReaderFields
{
    byte p300, p301, p302, p303, p304, p305, p306, p307, p308, p309, p310, p311, p312, p313, p314, p315;
    byte p316, p317, p318, p319, p320, p321, p322, p323, p324, p325, p326, p327, p328, p329, p330, p331;
    byte p332, p333, p334, p335, p336, p337, p338, p339, p340, p341, p342, p343, p344, p345, p346, p347;
    byte p348, p349, p350, p351, p352, p353, p354, p355, p356, p357, p358, p359, p360, p361, p362, p363;
}
