package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: random frame sequences, encoded and then fed to the decoder in random splits, come out as they went
 * in. Each repetition uses its own seed, printed on failure.
 */
class WireRoundTripPropertyTest
{
    private static final int[] FLAG_CHOICES = {0, FrameDescriptor.FLAG_MORE, FrameDescriptor.FLAG_COMMAND};

    record Frame(int flags, byte[] body)
    {
        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Frame f && f.flags == flags && Arrays.equals(f.body, body);
        }

        @Override
        public int hashCode()
        {
            return flags * 31 + Arrays.hashCode(body);
        }

        @Override
        public String toString()
        {
            return "Frame[flags=" + flags + ", length=" + body.length + "]";
        }
    }

    @RepeatedTest(200)
    void anySplitYieldsTheSameFrames(final RepetitionInfo repetition)
    {
        final long seed = 0x5EED_0000L + repetition.getCurrentRepetition();
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Frame> sent = randomFrames(random);
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[sent.stream().mapToInt(f -> f.body.length + 9).sum()]);
        int length = 0;
        for (final Frame frame : sent)
        {
            length += FrameDescriptor.encodeFrame(wire, length, frame.flags, new UnsafeBuffer(frame.body), 0,
                frame.body.length);
        }

        final List<Frame> received = new ArrayList<>();
        final FrameDecoder decoder = new FrameDecoder(1 << 20);
        int position = 0;
        while (position < length)
        {
            final int chunk = Math.min(length - position, 1 + random.nextInt(random.nextBoolean() ? 4 : 700));
            final int consumed = decoder.decode(wire, position, chunk, (flags, buffer, offset, len) ->
            {
                final byte[] body = new byte[len];
                buffer.getBytes(offset, body);
                received.add(new Frame(flags, body));
                return true;
            });
            assertEquals(chunk, consumed, "seed " + seed + ": " + decoder.error());
            position += chunk;
        }
        assertEquals(sent, received, "seed " + seed);
        assertTrue(decoder.isAtFrameBoundary());
    }

    @Test
    void steadyStateDecodingDoesNotAllocatePerFrame()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[1 << 20]);
        int length = 0;
        int frames = 0;
        while (length < wire.capacity() - 2000)
        {
            final int size = random.nextInt(1500);
            length += FrameDescriptor.encodeFrame(wire, length, FLAG_CHOICES[random.nextInt(3)], wire, 0, size);
            frames++;
        }
        final FrameDecoder decoder = new FrameDecoder(-1);
        final long[] checksum = new long[1];
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final FrameHandler handler = (flags, buffer, offset, len) -> (checksum[0] += len + flags) >= 0;

        for (int pass = 0; pass < 20; pass++)
        {
            decodeInChunks(decoder, wire, length, handler); // warm up: grows the reassembly buffer, lets the JIT settle
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int pass = 0; pass < 5; pass++)
        {
            decodeInChunks(decoder, wire, length, handler);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The JVM itself may charge a few bytes to this thread (JIT deoptimisation, safepoint bookkeeping), but an
        // allocation per frame would cost at least 16 bytes each: require less than one byte per frame.
        assertTrue(allocated < 5L * frames,
            "decoding " + (5 * frames) + " frames allocated " + allocated +
            " bytes; steady state must not allocate per frame");
    }

    private static void decodeInChunks(
        final FrameDecoder decoder, final DirectBuffer wire, final int length, final FrameHandler handler)
    {
        int position = 0;
        while (position < length)
        {
            final int chunk = Math.min(1000, length - position); // splits most frames across chunks
            decoder.decode(wire, position, chunk, handler);
            position += chunk;
        }
    }

    private static List<Frame> randomFrames(final SplittableRandom random)
    {
        final int count = 1 + random.nextInt(60);
        final List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int sizeClass = random.nextInt(10);
            final int size = sizeClass < 6 ? random.nextInt(256) : sizeClass < 9 ? 256 + random.nextInt(4000) :
                random.nextInt(70_000);
            final byte[] body = new byte[size];
            random.nextBytes(body);
            frames.add(new Frame(FLAG_CHOICES[random.nextInt(FLAG_CHOICES.length)], body));
        }
        return frames;
    }
}
