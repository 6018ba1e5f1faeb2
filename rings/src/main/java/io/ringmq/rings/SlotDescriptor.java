package io.ringmq.rings;

/**
 * Layout of one slot in a {@link Pipe} direction's off-heap slot area. One slot holds one whole message (all its
 * frames), so a multipart message is published all-or-nothing and counts once against the high-water mark.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Frame Count                           |
 *  +---------------------------------------------------------------+
 *  |                 Data Length (all frames + their length fields) |
 *  +---------------------------------------------------------------+
 *  |                            Flags                              |
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |
 *  +---------------------------------------------------------------+
 *  |                    Timestamp (int64, reserved)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  Data: repeated [int32 frame length][frame bytes], inline     ...
 *  |  unless FLAG_OVERFLOW says the data lives in a pooled buffer  ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Messages whose frames fit in {@link #INLINE_CAPACITY} bytes are copied into the slot; larger ones are copied once
 * into a pooled off-heap buffer the slot's event references, and only the header stays inline.
 */
public final class SlotDescriptor
{
    /** Bytes per slot: two cache lines, enough for the 8-64 byte messages latency-sensitive users send. */
    public static final int SLOT_LENGTH = 128;

    public static final int FRAME_COUNT_OFFSET = 0;
    public static final int DATA_LENGTH_OFFSET = 4;
    public static final int FLAGS_OFFSET = 8;
    /**
     * The time the message was published when a party tracks latency ({@link LatencyProbe}), else 0: the reader
     * records queue residency from it. 8-byte aligned so it is one plain long store, published with the slot.
     */
    public static final int TIMESTAMP_OFFSET = 16;
    /** Header is 24 bytes so frame data starts 8-byte aligned within the slot. */
    public static final int HEADER_LENGTH = 24;

    /** Bytes of frame data (including each frame's length field) a slot holds without overflowing. */
    public static final int INLINE_CAPACITY = SLOT_LENGTH - HEADER_LENGTH;

    /** Each frame in the data area is preceded by its length as a native-order int32. */
    public static final int FRAME_LENGTH_FIELD = 4;

    /** Data lives in the slot event's pooled overflow buffer at offset 0, not inline. */
    public static final int FLAG_OVERFLOW = 1;
    /** The producer gave up on a partly written message (socket closed mid-multipart): the reader skips it. */
    public static final int FLAG_DISCARD = 2;
    /** The slot carries a publish stamp at {@link #TIMESTAMP_OFFSET} (a party tracks latency). */
    public static final int FLAG_STAMPED = 4;

    private SlotDescriptor()
    {
    }

    /**
     * @return offset of the slot for {@code sequence} within a slot area of {@code mask + 1} slots.
     */
    public static int slotOffset(final long sequence, final int mask)
    {
        return (int)(sequence & mask) * SLOT_LENGTH;
    }

    /**
     * @return offset of the first frame's length field for a slot at {@code slotOffset} when inline.
     */
    public static int inlineDataOffset(final int slotOffset)
    {
        return slotOffset + HEADER_LENGTH;
    }
}
