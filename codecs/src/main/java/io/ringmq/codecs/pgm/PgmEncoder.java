package io.ringmq.codecs.pgm;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.pgm.PgmDescriptor.*;

/**
 * Writes PGM packets as OpenPGM lays them out (see {@link PgmDescriptor}), checksum included. Each method writes a
 * whole packet at {@code offset} and returns its length; the caller provides a buffer big enough for it.
 */
public final class PgmEncoder
{
    private PgmEncoder()
    {
    }

    /**
     * @param gsi  48-bit global source id.
     * @param fin  append OPT_FIN (the source is closing), as OpenPGM does in its last SPMs.
     */
    public static int encodeSpm(
        final MutableDirectBuffer buffer, final int offset, final int sourcePort, final int destinationPort,
        final long gsi, final int spmSqn, final int trail, final int lead, final int sourceNla, final boolean fin)
    {
        header(buffer, offset, sourcePort, destinationPort, TYPE_SPM, fin ? OPT_PRESENT : 0, gsi, 0);
        buffer.putInt(offset + SPM_SQN_OFFSET, spmSqn, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + SPM_TRAIL_OFFSET, trail, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + SPM_LEAD_OFFSET, lead, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + SPM_NLA_AFI_OFFSET, (short)AFI_IPV4, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + SPM_NLA_AFI_OFFSET + 2, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + SPM_NLA_OFFSET, sourceNla, ByteOrder.BIG_ENDIAN);
        int length = SPM_LENGTH;
        if (fin)
        {
            length += finOption(buffer, offset + length);
        }
        return seal(buffer, offset, length);
    }

    /**
     * Writes the header of an ODATA or RDATA packet whose TSDU the caller has put (or will put) at
     * {@code offset + DATA_HEADER_LENGTH}, then checksums it: call after the TSDU is in place.
     */
    public static int encodeData(
        final MutableDirectBuffer buffer, final int offset, final int type, final int sourcePort,
        final int destinationPort, final long gsi, final int sqn, final int trail, final int tsduLength)
    {
        header(buffer, offset, sourcePort, destinationPort, type, 0, gsi, tsduLength);
        buffer.putInt(offset + DATA_SQN_OFFSET, sqn, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + DATA_TRAIL_OFFSET, trail, ByteOrder.BIG_ENDIAN);
        return seal(buffer, offset, DATA_HEADER_LENGTH + tsduLength);
    }

    /**
     * A NAK (receiver to source, ports swapped: the source's data port is the destination) or an NCF (source to
     * group, ports as in data).
     *
     * @param more further sequence numbers, sent in an OPT_NAK_LIST (at most 62); null or empty for none.
     */
    public static int encodeNak(
        final MutableDirectBuffer buffer, final int offset, final int type, final int sourcePort,
        final int destinationPort, final long gsi, final int sqn, final int sourceNla, final int groupNla,
        final int[] more, final int moreCount)
    {
        final int count = more == null ? 0 : Math.min(moreCount, OPT_NAK_LIST_MAX_ENTRIES);
        header(buffer, offset, sourcePort, destinationPort, type, count > 0 ? OPT_PRESENT : 0, gsi, 0);
        buffer.putInt(offset + NAK_SQN_OFFSET, sqn, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + NAK_SOURCE_AFI_OFFSET, (short)AFI_IPV4, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + NAK_SOURCE_AFI_OFFSET + 2, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + NAK_SOURCE_NLA_OFFSET, sourceNla, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + NAK_GROUP_AFI_OFFSET, (short)AFI_IPV4, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + NAK_GROUP_AFI_OFFSET + 2, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + NAK_GROUP_NLA_OFFSET, groupNla, ByteOrder.BIG_ENDIAN);
        int length = NAK_LENGTH;
        if (count > 0)
        {
            final int optionLength = OPT_NAK_LIST_ENTRIES_OFFSET + 4 * count;
            final int at = offset + length;
            lengthOption(buffer, at, OPT_LENGTH_LENGTH + optionLength);
            final int list = at + OPT_LENGTH_LENGTH;
            buffer.putByte(list, (byte)(OPT_NAK_LIST | OPT_END));
            buffer.putByte(list + 1, (byte)optionLength);
            buffer.putShort(list + 2, (short)0, ByteOrder.BIG_ENDIAN);
            for (int i = 0; i < count; i++)
            {
                buffer.putInt(list + OPT_NAK_LIST_ENTRIES_OFFSET + 4 * i, more[i], ByteOrder.BIG_ENDIAN);
            }
            length += OPT_LENGTH_LENGTH + optionLength;
        }
        return seal(buffer, offset, length);
    }

    private static int finOption(final MutableDirectBuffer buffer, final int at)
    {
        lengthOption(buffer, at, OPT_LENGTH_LENGTH + OPT_FLAG_LENGTH);
        buffer.putByte(at + OPT_LENGTH_LENGTH, (byte)(OPT_FIN | OPT_END));
        buffer.putByte(at + OPT_LENGTH_LENGTH + 1, (byte)OPT_FLAG_LENGTH);
        buffer.putShort(at + OPT_LENGTH_LENGTH + 2, (short)0, ByteOrder.BIG_ENDIAN);
        return OPT_LENGTH_LENGTH + OPT_FLAG_LENGTH;
    }

    private static void lengthOption(final MutableDirectBuffer buffer, final int at, final int total)
    {
        buffer.putByte(at, (byte)OPT_LENGTH);
        buffer.putByte(at + 1, (byte)OPT_LENGTH_LENGTH);
        buffer.putShort(at + OPT_LENGTH_TOTAL_OFFSET, (short)total, ByteOrder.BIG_ENDIAN);
    }

    private static void header(
        final MutableDirectBuffer buffer, final int offset, final int sourcePort, final int destinationPort,
        final int type, final int options, final long gsi, final int tsduLength)
    {
        buffer.putShort(offset + SPORT_OFFSET, (short)sourcePort, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + DPORT_OFFSET, (short)destinationPort, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + TYPE_OFFSET, (byte)type);
        buffer.putByte(offset + OPTIONS_OFFSET, (byte)options);
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + GSI_OFFSET, (short)(gsi >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + GSI_OFFSET + 2, (int)gsi, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + TSDU_LENGTH_OFFSET, (short)tsduLength, ByteOrder.BIG_ENDIAN);
    }

    private static int seal(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum(buffer, offset, length), ByteOrder.BIG_ENDIAN);
        return length;
    }
}
