package io.ringmq.codecs.pgm;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.pgm.PgmDescriptor.*;

/**
 * A flyweight over one received PGM packet (the payload of one UDP datagram). {@link #wrap} checks every length
 * before anything is read: the packet's own size against the type's fixed part, the option block against the
 * packet, each option against the block, and the TSDU length against what remains; with a non-zero checksum field
 * the checksum too. A packet that fails is refused (false) and the accessors must not be used; nothing here
 * throws on any input.
 */
public final class PgmPacket
{
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int type;
    private int tsduOffset;
    private int tsduLength;
    private boolean fin;
    private boolean fragment;
    private int fragmentSqn;
    private int fragmentOffset;
    private int fragmentApduLength;
    private int nakListOffset;
    private int nakListCount;

    /**
     * @param verifyChecksum check the checksum when the field is not 0 (RFC 3208: 0 = none computed).
     * @return true when the packet is well formed and of a type understood here (SPM, ODATA, RDATA, NAK, NCF,
     * SPMR); false for anything else, which the caller drops.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length, final boolean verifyChecksum)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        fin = false;
        fragment = false;
        nakListCount = 0;
        tsduOffset = 0;
        tsduLength = 0;
        if (length < HEADER_LENGTH || offset < 0 || length > buffer.capacity() - offset)
        {
            return false;
        }
        type = buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
        if (verifyChecksum)
        {
            final int stored = u16(CHECKSUM_OFFSET);
            if (stored != 0 && stored != checksum(buffer, offset, length))
            {
                return false;
            }
        }
        final int fixedLength;
        switch (type)
        {
            case TYPE_SPM:
                fixedLength = SPM_LENGTH;
                break;
            case TYPE_ODATA:
            case TYPE_RDATA:
                fixedLength = DATA_HEADER_LENGTH;
                break;
            case TYPE_NAK:
            case TYPE_NCF:
                fixedLength = NAK_LENGTH;
                break;
            case TYPE_SPMR:
                fixedLength = HEADER_LENGTH;
                break;
            default:
                return false;
        }
        if (length < fixedLength)
        {
            return false;
        }
        if (type == TYPE_SPM && u16(SPM_NLA_AFI_OFFSET) != AFI_IPV4)
        {
            return false;
        }
        if ((type == TYPE_NAK || type == TYPE_NCF) &&
            (u16(NAK_SOURCE_AFI_OFFSET) != AFI_IPV4 || u16(NAK_GROUP_AFI_OFFSET) != AFI_IPV4))
        {
            return false;
        }
        int payload = fixedLength;
        if ((buffer.getByte(offset + OPTIONS_OFFSET) & OPT_PRESENT) != 0)
        {
            payload = parseOptions(fixedLength);
            if (payload < 0)
            {
                return false;
            }
        }
        final int announced = u16(TSDU_LENGTH_OFFSET);
        if (type == TYPE_ODATA || type == TYPE_RDATA)
        {
            if (announced != length - payload)
            {
                return false;
            }
            tsduOffset = payload;
            tsduLength = announced;
        }
        return true;
    }

    /**
     * @return the offset just after the option block, or -1 when it is malformed.
     */
    private int parseOptions(final int start)
    {
        if (length - start < OPT_LENGTH_LENGTH || (buffer.getByte(offset + start) & OPT_TYPE_MASK) != OPT_LENGTH ||
            (buffer.getByte(offset + start + 1) & 0xFF) != OPT_LENGTH_LENGTH)
        {
            return -1;
        }
        final int total = u16(start + OPT_LENGTH_TOTAL_OFFSET);
        if (total < OPT_LENGTH_LENGTH + OPT_HEADER_LENGTH || total > length - start)
        {
            return -1;
        }
        final int end = start + total;
        int at = start + OPT_LENGTH_LENGTH;
        while (true)
        {
            if (end - at < OPT_HEADER_LENGTH)
            {
                return -1;
            }
            final int optionType = buffer.getByte(offset + at) & 0xFF;
            final int optionLength = buffer.getByte(offset + at + 1) & 0xFF;
            if (optionLength < OPT_HEADER_LENGTH || optionLength > end - at || !readOption(optionType, at,
                optionLength))
            {
                return -1;
            }
            at += optionLength;
            if ((optionType & OPT_END) != 0)
            {
                return at == end ? end : -1;
            }
        }
    }

    private boolean readOption(final int optionType, final int at, final int optionLength)
    {
        switch (optionType & OPT_TYPE_MASK)
        {
            case OPT_FRAGMENT:
                if (optionLength != OPT_FRAGMENT_LENGTH)
                {
                    return false;
                }
                fragment = true;
                fragmentSqn = i32(at + OPT_FRAGMENT_SQN_OFFSET);
                fragmentOffset = i32(at + OPT_FRAGMENT_OFFSET_OFFSET);
                fragmentApduLength = i32(at + OPT_FRAGMENT_APDU_LENGTH_OFFSET);
                return fragmentOffset >= 0 && fragmentApduLength > 0 && fragmentOffset < fragmentApduLength;
            case OPT_NAK_LIST:
            {
                final int entries = optionLength - OPT_NAK_LIST_ENTRIES_OFFSET;
                if (entries < 0 || (entries & 3) != 0 || entries / 4 > OPT_NAK_LIST_MAX_ENTRIES)
                {
                    return false;
                }
                nakListOffset = at + OPT_NAK_LIST_ENTRIES_OFFSET;
                nakListCount = entries / 4;
                return true;
            }
            case OPT_FIN:
                fin = true;
                return true;
            case OPT_LENGTH:
                return false;
            default:
                return true;
        }
    }

    private int u16(final int at)
    {
        return buffer.getShort(offset + at, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    private int i32(final int at)
    {
        return buffer.getInt(offset + at, ByteOrder.BIG_ENDIAN);
    }

    public int type()
    {
        return type;
    }

    public int sourcePort()
    {
        return u16(SPORT_OFFSET);
    }

    public int destinationPort()
    {
        return u16(DPORT_OFFSET);
    }

    /**
     * @return the 48-bit global source id as a long.
     */
    public long gsi()
    {
        return ((long)u16(GSI_OFFSET) << 32) | (i32(GSI_OFFSET + 2) & 0xFFFF_FFFFL);
    }

    /**
     * @return the transport session id: the GSI and the source's data port, unique per sender. For packets sent
     * to the source (NAK) the source's port is the destination port.
     */
    public long tsi()
    {
        final int port = type == TYPE_NAK || type == TYPE_NNAK || type == TYPE_SPMR ? destinationPort() :
            sourcePort();
        return (gsi() << 16) | port;
    }

    public int spmSqn()
    {
        return i32(SPM_SQN_OFFSET);
    }

    public int spmTrail()
    {
        return i32(SPM_TRAIL_OFFSET);
    }

    public int spmLead()
    {
        return i32(SPM_LEAD_OFFSET);
    }

    /**
     * @return the SPM's path NLA: the source's IPv4 address as an int.
     */
    public int spmNla()
    {
        return i32(SPM_NLA_OFFSET);
    }

    public int dataSqn()
    {
        return i32(DATA_SQN_OFFSET);
    }

    public int dataTrail()
    {
        return i32(DATA_TRAIL_OFFSET);
    }

    public int nakSqn()
    {
        return i32(NAK_SQN_OFFSET);
    }

    public int nakSourceNla()
    {
        return i32(NAK_SOURCE_NLA_OFFSET);
    }

    public int nakGroupNla()
    {
        return i32(NAK_GROUP_NLA_OFFSET);
    }

    /**
     * @return the further sequence numbers an OPT_NAK_LIST asks for (0 when none).
     */
    public int nakListCount()
    {
        return nakListCount;
    }

    public int nakListSqn(final int index)
    {
        if (index < 0 || index >= nakListCount)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return i32(nakListOffset + 4 * index);
    }

    public boolean hasFin()
    {
        return fin;
    }

    public boolean hasFragment()
    {
        return fragment;
    }

    public int fragmentSqn()
    {
        return fragmentSqn;
    }

    public int fragmentOffset()
    {
        return fragmentOffset;
    }

    public int fragmentApduLength()
    {
        return fragmentApduLength;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return where the TSDU (ODATA/RDATA payload) starts in {@link #buffer()}.
     */
    public int tsduOffset()
    {
        return offset + tsduOffset;
    }

    public int tsduLength()
    {
        return tsduLength;
    }

    public int length()
    {
        return length;
    }
}
