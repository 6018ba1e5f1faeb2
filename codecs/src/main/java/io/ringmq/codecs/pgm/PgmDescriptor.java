package io.ringmq.codecs.pgm;

import org.agrona.DirectBuffer;

/**
 * Layout of PGM packets (RFC 3208) as OpenPGM sends them, all fields big-endian.
 * <pre>
 *  common header (16): | sport (2) | dport (2) | type (1) | options (1) | checksum (2) | GSI (6) | TSDU length (2) |
 *  SPM   (+20):  | spm_sqn (4) | trail (4) | lead (4) | NLA AFI (2) | reserved (2) | NLA (4, IPv4) |
 *  ODATA/RDATA (+8): | data_sqn (4) | trail (4) | [options] | TSDU ... |
 *  NAK/NCF (+20): | requested sqn (4) | source NLA AFI (2) | reserved (2) | source NLA (4) |
 *                 | group NLA AFI (2) | reserved (2) | group NLA (4) |
 *  options: | OPT_LENGTH: type 0x00, length 4, total length of all options (2) | option ... |
 *           each option: | type (1, 0x80 = last) | length (1) | reserved (1) | body |
 * </pre>
 * Only IPv4 NLAs (AFI 1) are understood; a packet with another AFI is refused by {@link PgmPacket#wrap}.
 */
public final class PgmDescriptor
{
    public static final int SPORT_OFFSET = 0;
    public static final int DPORT_OFFSET = 2;
    public static final int TYPE_OFFSET = 4;
    public static final int OPTIONS_OFFSET = 5;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int GSI_OFFSET = 8;
    public static final int GSI_LENGTH = 6;
    public static final int TSDU_LENGTH_OFFSET = 14;
    public static final int HEADER_LENGTH = 16;

    public static final int TYPE_SPM = 0x00;
    public static final int TYPE_POLL = 0x01;
    public static final int TYPE_POLR = 0x02;
    public static final int TYPE_ODATA = 0x04;
    public static final int TYPE_RDATA = 0x05;
    public static final int TYPE_NAK = 0x08;
    public static final int TYPE_NNAK = 0x09;
    public static final int TYPE_NCF = 0x0A;
    public static final int TYPE_SPMR = 0x0C;

    public static final int OPT_PRESENT = 0x01;
    public static final int OPT_NETWORK = 0x02;

    public static final int SPM_SQN_OFFSET = HEADER_LENGTH;
    public static final int SPM_TRAIL_OFFSET = HEADER_LENGTH + 4;
    public static final int SPM_LEAD_OFFSET = HEADER_LENGTH + 8;
    public static final int SPM_NLA_AFI_OFFSET = HEADER_LENGTH + 12;
    public static final int SPM_NLA_OFFSET = HEADER_LENGTH + 16;
    public static final int SPM_LENGTH = HEADER_LENGTH + 20;

    public static final int DATA_SQN_OFFSET = HEADER_LENGTH;
    public static final int DATA_TRAIL_OFFSET = HEADER_LENGTH + 4;
    public static final int DATA_HEADER_LENGTH = HEADER_LENGTH + 8;

    public static final int NAK_SQN_OFFSET = HEADER_LENGTH;
    public static final int NAK_SOURCE_AFI_OFFSET = HEADER_LENGTH + 4;
    public static final int NAK_SOURCE_NLA_OFFSET = HEADER_LENGTH + 8;
    public static final int NAK_GROUP_AFI_OFFSET = HEADER_LENGTH + 12;
    public static final int NAK_GROUP_NLA_OFFSET = HEADER_LENGTH + 16;
    public static final int NAK_LENGTH = HEADER_LENGTH + 20;

    public static final int AFI_IPV4 = 1;

    public static final int OPT_LENGTH = 0x00;
    public static final int OPT_FRAGMENT = 0x01;
    public static final int OPT_NAK_LIST = 0x02;
    public static final int OPT_JOIN = 0x03;
    public static final int OPT_SYN = 0x0D;
    public static final int OPT_FIN = 0x0E;
    public static final int OPT_RST = 0x0F;
    public static final int OPT_END = 0x80;
    public static final int OPT_TYPE_MASK = 0x7F;

    /** OPT_LENGTH: type, length (always 4), total length of the option block (2). */
    public static final int OPT_LENGTH_LENGTH = 4;
    public static final int OPT_LENGTH_TOTAL_OFFSET = 2;
    /** Every other option: type, length, a reserved/flags byte, then the body. */
    public static final int OPT_HEADER_LENGTH = 3;
    /** OPT_FRAGMENT: header (3), reserved (1), first sqn of the APDU (4), offset (4), APDU length (4). */
    public static final int OPT_FRAGMENT_LENGTH = 16;
    public static final int OPT_FRAGMENT_SQN_OFFSET = 4;
    public static final int OPT_FRAGMENT_OFFSET_OFFSET = 8;
    public static final int OPT_FRAGMENT_APDU_LENGTH_OFFSET = 12;
    /** OPT_NAK_LIST: header (3), reserved (1), up to 62 more sequence numbers (4 each). */
    public static final int OPT_NAK_LIST_ENTRIES_OFFSET = 4;
    public static final int OPT_NAK_LIST_MAX_ENTRIES = 62;
    /** OPT_FIN, OPT_SYN: header (3) and a reserved byte. */
    public static final int OPT_FLAG_LENGTH = 4;

    private PgmDescriptor()
    {
    }

    /**
     * The Internet checksum (RFC 1071) of {@code length} bytes with the checksum field taken as zero, as PGM
     * defines it over the whole packet.
     *
     * @return the value for the checksum field; never 0 (RFC 3208: 0 means "no checksum", so 0 is sent as 0xFFFF).
     */
    public static int checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        long sum = 0;
        final int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2)
        {
            if (i - offset != CHECKSUM_OFFSET)
            {
                sum += ((buffer.getByte(i) & 0xFF) << 8) | (buffer.getByte(i + 1) & 0xFF);
            }
        }
        if (i < end)
        {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        final int result = (int)(~sum & 0xFFFF);
        return result == 0 ? 0xFFFF : result;
    }

    /**
     * @return true when {@code a} is after {@code b} in 32-bit serial-number arithmetic (RFC 1982), as PGM
     * sequence numbers wrap.
     */
    public static boolean sqnAfter(final int a, final int b)
    {
        return a - b > 0;
    }
}
