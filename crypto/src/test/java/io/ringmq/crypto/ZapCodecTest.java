package io.ringmq.crypto;

import io.ringmq.codecs.Mechanism;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZapCodecTest
{
    @Test
    void requestFramesAreRfc27s()
    {
        final byte[][] frames = ZapCodec.encodeRequest("7", "dom", "1.2.3.4", "id".getBytes(), Mechanism.PLAIN,
            "u".getBytes(), "p".getBytes());
        assertEquals(8, frames.length);
        final String[] expected = {"1.0", "7", "dom", "1.2.3.4", "id", "PLAIN", "u", "p"};
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], new String(frames[i]));
        }
        assertEquals(6, ZapCodec.encodeRequest("1", "", "", new byte[0], Mechanism.NULL).length);
    }

    @Test
    void repliesAreChecked()
    {
        final ZapCodec.Reply ok = ZapCodec.decodeReply(ZapCodec.encodeReply("9", "200", "OK", "bob", null), "9");
        assertTrue(ok.isValid());
        assertEquals("bob", ok.userId);
        assertFalse(ZapCodec.decodeReply(ZapCodec.encodeReply("8", "200", "OK", "bob", null), "9").isValid());
        assertFalse(ZapCodec.decodeReply(ZapCodec.encodeReply("9", "201", "OK", "bob", null), "9").isValid());
        assertFalse(ZapCodec.decodeReply(new byte[][] {"1.0".getBytes()}, "9").isValid());
        assertFalse(ZapCodec.decodeReply(ZapCodec.encodeReply("9", "200", "OK", "", new byte[] {5, 'a'}), "9")
            .isValid());
    }
}
