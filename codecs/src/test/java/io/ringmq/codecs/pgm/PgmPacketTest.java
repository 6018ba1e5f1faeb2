package io.ringmq.codecs.pgm;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ringmq.codecs.pgm.PgmDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgmPacketTest
{
    private static final int SOURCE = 0x0AFB0001;
    private static final int GROUP = 0xEFC00101;

    private final PgmPacket packet = new PgmPacket();

    private boolean wrap(final byte[] bytes)
    {
        return packet.wrap(new UnsafeBuffer(bytes), 0, bytes.length, true);
    }

    @Test
    void capturedSpmsDecode()
    {
        final List<byte[]> basic = PgmFixtures.load("basic.hex");
        assertTrue(wrap(basic.get(0)));
        assertEquals(TYPE_SPM, packet.type());
        assertEquals(0xE398, packet.sourcePort());
        assertEquals(5555, packet.destinationPort());
        assertEquals(0xB7C6D1BC038AL, packet.gsi());
        assertEquals(0, packet.spmSqn());
        assertEquals(0, packet.spmTrail());
        assertEquals(-1, packet.spmLead());
        assertEquals(SOURCE, packet.spmNla());
        assertFalse(packet.hasFin());

        assertTrue(wrap(basic.get(3)));
        assertEquals(TYPE_SPM, packet.type());
        assertEquals(11, packet.spmSqn());
        assertEquals(0x19, packet.spmLead());
        assertTrue(packet.hasFin());
    }

    @Test
    void capturedDataDecodes()
    {
        final List<byte[]> basic = PgmFixtures.load("basic.hex");
        assertTrue(wrap(basic.get(1)));
        assertEquals(TYPE_ODATA, packet.type());
        assertEquals(0, packet.dataSqn());
        assertEquals(9, packet.tsduLength());
        assertEquals(List.of("msg-0"), frames(List.of(basic.get(1))));
        assertEquals(List.of("multi-2+", "part2"), frames(List.of(basic.get(2))));
    }

    @Test
    void capturedRepairDecodes()
    {
        final List<byte[]> repair = PgmFixtures.load("repair.hex");
        assertTrue(wrap(repair.get(0)));
        assertEquals(TYPE_NAK, packet.type());
        assertEquals(1, packet.nakSqn());
        assertEquals(SOURCE, packet.nakSourceNla());
        assertEquals(GROUP, packet.nakGroupNla());
        final long nakTsi = packet.tsi();
        assertTrue(wrap(repair.get(1)));
        assertEquals(TYPE_NCF, packet.type());
        assertEquals(1, packet.nakSqn());
        assertEquals(nakTsi, packet.tsi());
        assertTrue(wrap(repair.get(2)));
        assertEquals(TYPE_RDATA, packet.type());
        assertEquals(1, packet.dataSqn());
        assertEquals(nakTsi, packet.tsi());
        assertEquals(List.of("msg-1"), frames(List.of(repair.get(2))));
    }

    @Test
    void largeMessageSpansSevenTsdusWithoutFragmentOption()
    {
        final List<byte[]> large = PgmFixtures.load("large-message.hex");
        for (final byte[] bytes : large)
        {
            assertTrue(wrap(bytes));
            assertFalse(packet.hasFragment());
        }
        final List<String> frames = frames(large);
        assertEquals(3, frames.size());
        assertEquals("X".repeat(9000), frames.get(0));
        assertEquals(List.of("multi-5+", "part2"), frames.subList(1, 3));
    }

    @Test
    void lateJoinerStartsAtTheNextMessageBoundary()
    {
        final List<byte[]> large = PgmFixtures.load("large-message.hex");
        // joined after the first fragment: the rest of the 9000-byte message is skipped; the last of its TSDUs
        // announces a boundary at its own end, so the next packet's message is the first one delivered
        assertEquals(List.of("multi-5+", "part2"), frames(large.subList(1, large.size())));
    }

    @Test
    void reEncodingCapturedPacketsIsByteIdentical()
    {
        final List<byte[]> basic = PgmFixtures.load("basic.hex");
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);
        final long gsi = 0xB7C6D1BC038AL;
        int length = PgmEncoder.encodeSpm(out, 0, 0xE398, 5555, gsi, 0, 0, -1, SOURCE, false);
        assertArrayEquals(basic.get(0), Arrays.copyOf(out.byteArray(), length));
        length = PgmEncoder.encodeSpm(out, 0, 0xE398, 5555, gsi, 11, 0, 0x19, SOURCE, true);
        assertArrayEquals(basic.get(3), Arrays.copyOf(out.byteArray(), length));

        final List<byte[]> repair = PgmFixtures.load("repair.hex");
        length = PgmEncoder.encodeNak(out, 0, TYPE_NAK, 5555, 0xE509, gsi, 1, SOURCE, GROUP, null, 0);
        assertArrayEquals(repair.get(0), Arrays.copyOf(out.byteArray(), length));
        length = PgmEncoder.encodeNak(out, 0, TYPE_NCF, 0xE509, 5555, gsi, 1, SOURCE, GROUP, null, 0);
        assertArrayEquals(repair.get(1), Arrays.copyOf(out.byteArray(), length));

        final byte[] odata = basic.get(1);
        final UnsafeBuffer data = new UnsafeBuffer(new byte[odata.length]);
        data.putBytes(DATA_HEADER_LENGTH, odata, DATA_HEADER_LENGTH, odata.length - DATA_HEADER_LENGTH);
        length = PgmEncoder.encodeData(data, 0, TYPE_ODATA, 0xE398, 5555, gsi, 0, 0, odata.length -
            DATA_HEADER_LENGTH);
        assertArrayEquals(odata, Arrays.copyOf(data.byteArray(), length));
    }

    @Test
    void nakListRoundTrips()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
        final int[] more = {7, 8, 12};
        final int length = PgmEncoder.encodeNak(out, 0, TYPE_NAK, 5555, 4000, 0x123456789ABCL, 5, SOURCE, GROUP,
            more, more.length);
        assertTrue(packet.wrap(out, 0, length, true));
        assertEquals(5, packet.nakSqn());
        assertEquals(3, packet.nakListCount());
        assertEquals(12, packet.nakListSqn(2));
        assertEquals((0x123456789ABCL << 16) | 4000, packet.tsi());
    }

    @Test
    void corruptionIsRefused()
    {
        final byte[] spm = PgmFixtures.load("basic.hex").get(0);
        for (int i = 0; i < spm.length; i++)
        {
            final byte[] copy = spm.clone();
            copy[i] ^= 0x10;
            assertFalse(wrap(copy), "flipped byte " + i);
        }
        for (int cut = 0; cut < spm.length; cut++)
        {
            assertFalse(wrap(Arrays.copyOf(spm, cut)), "cut at " + cut);
        }
        final byte[] odata = PgmFixtures.load("basic.hex").get(1);
        assertFalse(wrap(Arrays.copyOf(odata, odata.length - 1)));
    }

    static List<String> frames(final List<byte[]> packets)
    {
        final List<String> frames = new ArrayList<>();
        final Zmtp10Decoder decoder = new Zmtp10Decoder((flags, buffer, offset, length) ->
        {
            frames.add(text(buffer, offset, length) + ((flags & Zmtp10Descriptor.FLAG_MORE) != 0 ? "+" : ""));
            return true;
        }, -1);
        final PgmPacket packet = new PgmPacket();
        for (final byte[] bytes : packets)
        {
            assertTrue(packet.wrap(new UnsafeBuffer(bytes), 0, bytes.length, true));
            decoder.onTsdu(packet.buffer(), packet.tsduOffset(), packet.tsduLength());
        }
        return frames;
    }

    private static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
