package io.ringmq.codecs;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Z85Test
{
    private static final byte[] RFC32_VECTOR = {(byte)0x86, 0x4F, (byte)0xD2, 0x6F, (byte)0xB5, 0x59, (byte)0xF7, 0x5B};

    @Test
    void rfc32TestVector()
    {
        assertEquals("HelloWorld", Z85.encode(RFC32_VECTOR));
        assertArrayEquals(RFC32_VECTOR, Z85.decode("HelloWorld"));
    }

    @Test
    void libzmqDocumentationKeyIsThirtyTwoBytesAndRoundTrips()
    {
        final String serverPublic = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
        final byte[] key = Z85.decode(serverPublic);
        assertEquals(32, key.length);
        assertEquals(serverPublic, Z85.encode(key));
        assertTrue(Z85.isValid(serverPublic, 32));
    }

    @Test
    void randomBytesRoundTrip()
    {
        final SplittableRandom random = new SplittableRandom(85);
        for (int i = 0; i < 1000; i++)
        {
            final byte[] data = new byte[4 * random.nextInt(20)];
            random.nextBytes(data);
            assertArrayEquals(data, Z85.decode(Z85.encode(data)));
        }
    }

    @Test
    void refusesCharactersOutsideTheAlphabetGroupsAbove32BitsAndBadLengths()
    {
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hello World"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\"World"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\u00e9World"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("#####"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("%nSc1"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hello" + "Worl"));
        assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[3]));
        assertFalse(Z85.isValid("HelloWorld", 32));
        assertEquals("%nSc0", Z85.encode(new byte[]{-1, -1, -1, -1}), "0xFFFFFFFF is the largest group");
    }
}
