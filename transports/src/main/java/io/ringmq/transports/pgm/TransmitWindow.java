package io.ringmq.transports.pgm;

import io.ringmq.codecs.pgm.PgmDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The sender's transmit window: the last {@code size} ODATA packets by sequence number, kept whole so a NAK is
 * answered with RDATA of the same bytes. Slots are allocated as the window first fills, not up front.
 */
final class TransmitWindow
{
    private final int size;
    private final int maxTpdu;
    private final UnsafeBuffer[] slots;
    private final int[] lengths;
    private final long[] repairedAt;
    private int lead = -1;
    private int count;

    TransmitWindow(final int size, final int maxTpdu)
    {
        this.size = size;
        this.maxTpdu = maxTpdu;
        slots = new UnsafeBuffer[size];
        lengths = new int[size];
        repairedAt = new long[size];
    }

    private int index(final int sqn)
    {
        return (int)((sqn & 0xFFFF_FFFFL) % size);
    }

    /**
     * @return the slot for the next ODATA, {@code sqn} = lead + 1.
     */
    UnsafeBuffer slot(final int sqn)
    {
        final int i = index(sqn);
        UnsafeBuffer slot = slots[i];
        if (slot == null)
        {
            slot = new UnsafeBuffer(new byte[maxTpdu]);
            slots[i] = slot;
        }
        return slot;
    }

    void stored(final int sqn, final int length)
    {
        final int i = index(sqn);
        lengths[i] = length;
        repairedAt[i] = Long.MIN_VALUE / 2;
        lead = sqn;
        count = Math.min(size, count + 1);
    }

    /**
     * @return the oldest sequence number still held (lead + 1 when empty, as an SPM announces it).
     */
    int trail()
    {
        return lead - count + 1;
    }

    boolean contains(final int sqn)
    {
        return count > 0 && !PgmDescriptor.sqnAfter(sqn, lead) && !PgmDescriptor.sqnAfter(trail(), sqn);
    }

    int length(final int sqn)
    {
        return lengths[index(sqn)];
    }

    long repairedAt(final int sqn)
    {
        return repairedAt[index(sqn)];
    }

    void repaired(final int sqn, final long nowNs)
    {
        repairedAt[index(sqn)] = nowNs;
    }
}
