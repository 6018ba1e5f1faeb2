package io.ringmq.codecs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer's greeting under arbitrary bytes and cuts (the first 64 bytes of libzmq's engine fuzzers): the same
 * verdict however the bytes are cut, never more than a greeting consumed, nothing escapes but a refusal.
 * Input: the bytes, 8 bytes seeding the cuts, one byte (bit 0 set: ZMTP 1.0 peers are refused outright).
 */
class GreetingDecoderFuzz
{
    @FuzzTest
    void anySplitYieldsTheSameGreeting(final FuzzedDataProvider data)
    {
        final boolean allowUnversioned = (data.consumeByte() & 1) == 0;
        final Splits splits = new Splits(data.consumeLong());
        final byte[] bytes = data.consumeRemainingAsBytes();

        final GreetingDecoder whole = new GreetingDecoder(allowUnversioned);
        final int wholeConsumed = whole.decode(new UnsafeBuffer(bytes), 0, bytes.length);

        final GreetingDecoder cut = new GreetingDecoder(allowUnversioned);
        int position = 0;
        int consumed = 0;
        while (position < bytes.length)
        {
            final int length = splits.next(bytes.length - position);
            final byte[] chunk = Arrays.copyOfRange(bytes, position, position + length);
            final int taken = cut.decode(new UnsafeBuffer(chunk), 0, length);
            if (taken < 0)
            {
                consumed = -1;
                break;
            }
            assertTrue(taken <= length);
            consumed += taken;
            position += length;
        }
        assertEquals(wholeConsumed, consumed, "consumed in one piece and in many");
        assertTrue(consumed <= GreetingDescriptor.LENGTH, "never reads past a greeting: " + consumed);
        assertEquals(whole.error(), cut.error());
        assertEquals(whole.isComplete(), cut.isComplete());
        assertEquals(whole.isVersionKnown(), cut.isVersionKnown());
        if (cut.isComplete())
        {
            assertEquals(whole.version(), cut.version());
            assertEquals(whole.mechanism(), cut.mechanism());
            assertEquals(whole.isVersioned(), cut.isVersioned());
            assertEquals(0, cut.decode(new UnsafeBuffer(new byte[8]), 0, 8), "frame bytes are left to the frames");
        }
        if (cut.error() != WireError.NONE)
        {
            assertEquals(-1, cut.decode(new UnsafeBuffer(new byte[1]), 0, 1), "refuses everything after");
        }
    }
}
