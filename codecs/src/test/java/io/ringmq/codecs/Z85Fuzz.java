package io.ringmq.codecs;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * libzmq's {@code test_z85_decode_fuzzer}: any text given to {@link Z85#decode} either decodes, to bytes that encode
 * back to the same text, or is refused with the one documented exception.
 */
class Z85Fuzz
{
    @FuzzTest
    void decodeRefusesOrRoundTrips(final byte[] input)
    {
        // Each byte a character: the seeds are Z85 text as libzmq writes it, and every char up to 0xFF is reached.
        final String text = new String(input, StandardCharsets.ISO_8859_1);
        final byte[] decoded;
        try
        {
            decoded = Z85.decode(text);
        }
        catch (final IllegalArgumentException refused)
        {
            return;
        }
        assertEquals(text.length() / 5 * 4, decoded.length, "four bytes per five characters, never more");
        assertEquals(text, Z85.encode(decoded));
        assertArrayEquals(decoded, Z85.decode(Z85.encode(decoded)));
    }
}
