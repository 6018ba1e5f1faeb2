package io.ringmq.codecs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frame decoder under arbitrary bytes cut at arbitrary points (the frames of libzmq's
 * {@code test_bind_null_fuzzer}, without the socket): the cuts change nothing (the same frames, the same refusal at
 * the same frame), nothing escapes but a refusal, and the reassembly buffer never outgrows the bytes that arrived.
 * Input: the bytes, 8 bytes seeding the cuts, one byte choosing the size limit (test-peers/fuzz_corpus.py).
 */
class FrameDecoderFuzz
{
    /** MAXMSGSIZE choices: none, empty frames only, the handshake-sized and a small one. */
    private static final long[] LIMITS = {-1, 0, 255, 1_000};

    private static final class Recorder implements FrameHandler
    {
        final List<String> frames = new ArrayList<>();

        public boolean onFrame(
            final int flags, final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] body = new byte[length];
            buffer.getBytes(offset, body);
            frames.add(flags + ":" + Arrays.toString(body));
            return true;
        }
    }

    @FuzzTest
    void anySplitYieldsTheSameFrames(final FuzzedDataProvider data)
    {
        final long limit = LIMITS[data.consumeByte() & 3];
        final Splits splits = new Splits(data.consumeLong());
        final byte[] bytes = data.consumeRemainingAsBytes();

        final FrameDecoder whole = new FrameDecoder(limit);
        final Recorder wholeFrames = new Recorder();
        final int wholeResult = whole.decode(new UnsafeBuffer(bytes), 0, bytes.length, wholeFrames);
        assertTrue(wholeResult == bytes.length || wholeResult == -1, "all consumed or refused: " + wholeResult);

        final FrameDecoder cut = new FrameDecoder(limit);
        final Recorder cutFrames = new Recorder();
        int position = 0;
        int result = 0;
        while (position < bytes.length)
        {
            final int length = splits.next(bytes.length - position);
            // Each chunk in a buffer of its own, exactly sized: a read past the chunk is an exception here.
            final byte[] chunk = Arrays.copyOfRange(bytes, position, position + length);
            result = cut.decode(new UnsafeBuffer(chunk), 0, length, cutFrames);
            if (result < 0)
            {
                break;
            }
            assertEquals(length, result, "a handler that never stops gets every byte consumed");
            position += length;
            assertTrue(cut.assemblyCapacity() <= Math.max(FrameDecoder.MIN_ASSEMBLY_CAPACITY, 2 * position),
                "reassembly holds " + cut.assemblyCapacity() + " bytes after " + position + " arrived");
        }
        assertEquals(wholeFrames.frames, cutFrames.frames);
        assertEquals(wholeResult < 0, result < 0, "refused whole and refused in pieces alike");
        assertEquals(whole.error(), cut.error());
        if (result < 0)
        {
            assertEquals(-1, cut.decode(new UnsafeBuffer(new byte[1]), 0, 1, cutFrames), "refuses everything after");
        }
    }
}
