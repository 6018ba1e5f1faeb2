package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.ringmq.codecs.FrameDescriptor.FLAG_COMMAND;
import static io.ringmq.codecs.FrameDescriptor.FLAG_MORE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final List<int[]> flags = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final FrameHandler collector = (frameFlags, src, offset, length) ->
    {
        final byte[] body = new byte[length];
        src.getBytes(offset, body);
        flags.add(new int[]{frameFlags});
        bodies.add(body);
        return true;
    };

    @Test
    void shortAndLongFramesKeepTheirFlags()
    {
        int length = FrameDescriptor.encodeFrame(buffer, 0, FLAG_MORE, new UnsafeBuffer(new byte[]{1, 2, 3}), 0, 3);
        assertEquals(FrameDescriptor.SHORT_HEADER_LENGTH + 3, length);
        final byte[] big = new byte[1000];
        big[999] = 42;
        final int bigLength = FrameDescriptor.encodeFrame(buffer, length, 0, new UnsafeBuffer(big), 0, big.length);
        assertEquals(FrameDescriptor.LONG_HEADER_LENGTH + 1000, bigLength);
        length += bigLength;

        final FrameDecoder decoder = new FrameDecoder(-1);
        assertEquals(length, decoder.decode(buffer, 0, length, collector));
        assertEquals(2, bodies.size());
        assertEquals(FLAG_MORE, flags.get(0)[0]);
        assertArrayEquals(new byte[]{1, 2, 3}, bodies.get(0));
        assertEquals(0, flags.get(1)[0], "LONG is a size encoding, not a flag the handler sees");
        assertArrayEquals(big, bodies.get(1));
    }

    @Test
    void emptyFramesAndCommandsAreDelivered()
    {
        int length = FrameDescriptor.encodeHeader(buffer, 0, FLAG_MORE, 0);
        length += CommandEncoder.encodePong(buffer, length, null, 0, 0);
        final FrameDecoder decoder = new FrameDecoder(-1);
        assertEquals(length, decoder.decode(buffer, 0, length, collector));
        assertEquals(0, bodies.get(0).length);
        assertEquals(FLAG_MORE, flags.get(0)[0]);
        assertEquals(FLAG_COMMAND, flags.get(1)[0]);
    }

    @Test
    void longFormIsAcceptedForSmallSizes()
    {
        buffer.putByte(0, (byte)FrameDescriptor.FLAG_LONG);
        buffer.putLong(1, 2, ByteOrder.BIG_ENDIAN);
        buffer.putBytes(9, new byte[]{7, 8});
        assertEquals(11, new FrameDecoder(16).decode(buffer, 0, 11, collector));
        assertArrayEquals(new byte[]{7, 8}, bodies.get(0));
    }

    @Test
    void wholeFrameIsDeliveredInPlaceAndSplitFrameFromTheReassemblyBuffer()
    {
        final int length = FrameDescriptor.encodeFrame(buffer, 0, 0, new UnsafeBuffer(new byte[10]), 0, 10);
        final DirectBuffer[] seen = new DirectBuffer[2];
        final FrameDecoder decoder = new FrameDecoder(-1);
        decoder.decode(buffer, 0, length, (f, src, offset, len) -> (seen[0] = src) != null);
        assertSame(buffer, seen[0], "no copy when the frame is whole");
        decoder.decode(buffer, 0, 5, (f, src, offset, len) -> true);
        assertFalse(decoder.isAtFrameBoundary());
        decoder.decode(buffer, 5, length - 5, (f, src, offset, len) -> (seen[1] = src) != null);
        assertTrue(decoder.isAtFrameBoundary());
        assertTrue(seen[1] != buffer);
    }

    @Test
    void handlerStopsDecodingAndTheRestIsDecodedOnTheNextCall()
    {
        int length = 0;
        for (int i = 0; i < 3; i++)
        {
            length += FrameDescriptor.encodeFrame(buffer, length, 0, new UnsafeBuffer(new byte[]{(byte)i}), 0, 1);
        }
        final FrameDecoder decoder = new FrameDecoder(-1);
        final int first = decoder.decode(buffer, 0, length, (f, src, offset, len) -> false);
        assertEquals(3, first, "stopped after the first frame");
        assertEquals(length - first, decoder.decode(buffer, first, length - first, collector));
        assertEquals(2, bodies.size());
        assertArrayEquals(new byte[]{1}, bodies.get(0));
    }

    @Test
    void frameAtTheMaximumIsAcceptedAndOneByteMoreIsNot()
    {
        final int length = FrameDescriptor.encodeFrame(buffer, 0, 0, new UnsafeBuffer(new byte[100]), 0, 100);
        assertEquals(length, new FrameDecoder(100).decode(buffer, 0, length, collector));
        final FrameDecoder tight = new FrameDecoder(99);
        assertEquals(-1, tight.decode(buffer, 0, length, collector));
        assertEquals(WireError.FRAME_TOO_LARGE, tight.error());
    }

    @Test
    void aFrameAnnouncingTwoGibibytesCostsOnlyTheBytesThatArrived()
    {
        // The 9 bytes of issue 10: a message frame announcing 0x7fffff9c bytes, then ten bytes of body.
        buffer.putByte(0, (byte)0x02);
        buffer.putLong(1, 0x7fffff9cL, ByteOrder.BIG_ENDIAN);
        final FrameDecoder decoder = new FrameDecoder(-1);
        assertEquals(19, decoder.decode(buffer, 0, 19, collector));
        assertTrue(bodies.isEmpty());
        assertFalse(decoder.isAtFrameBoundary());
        assertEquals(FrameDecoder.MIN_ASSEMBLY_CAPACITY, decoder.assemblyCapacity(),
            "the buffer holds what arrived, not what the header announced");
    }

    @Test
    void theReassemblyBufferGrowsWithArrivingBytesAndLargeOnesAreNotKept()
    {
        final int size = 1 << 20;
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[size + 64]);
        final byte[] body = new byte[size];
        for (int i = 0; i < size; i++)
        {
            body[i] = (byte)(i * 31);
        }
        final int length = FrameDescriptor.encodeFrame(wire, 0, 0, new UnsafeBuffer(body), 0, size);
        final FrameDecoder decoder = new FrameDecoder(-1);
        int capacityAfterFirstChunk = -1;
        for (int position = 0; position < length; position += 8192)
        {
            final int chunk = Math.min(8192, length - position);
            assertEquals(chunk, decoder.decode(wire, position, chunk, collector));
            if (capacityAfterFirstChunk < 0)
            {
                capacityAfterFirstChunk = decoder.assemblyCapacity();
            }
        }
        assertTrue(capacityAfterFirstChunk <= 16384, "first chunk: " + capacityAfterFirstChunk);
        assertEquals(1, bodies.size());
        assertArrayEquals(body, bodies.get(0));
        assertEquals(0, decoder.assemblyCapacity(), "a 1 MiB reassembly buffer is dropped once delivered");
    }

    @Test
    void theLimitCanBeRaisedBetweenFrames()
    {
        final FrameDecoder decoder = new FrameDecoder(100);
        final int length = FrameDescriptor.encodeFrame(buffer, 0, 0, new UnsafeBuffer(new byte[200]), 0, 200);
        decoder.maxFrameLength(1000);
        assertEquals(length, decoder.decode(buffer, 0, length, collector));
        assertEquals(200, bodies.get(0).length);
        decoder.maxFrameLength(100);
        assertEquals(-1, decoder.decode(buffer, 0, length, collector));
        assertEquals(WireError.FRAME_TOO_LARGE, decoder.error());
    }
}
