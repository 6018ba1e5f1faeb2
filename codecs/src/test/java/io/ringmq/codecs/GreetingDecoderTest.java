package io.ringmq.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreetingDecoderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);

    @Test
    void encodedGreetingDecodesAsZmtp31WithItsMechanism()
    {
        final int length = GreetingDescriptor.encode(buffer, 0, Mechanism.CURVE, true);
        assertEquals(64, length);
        final GreetingDecoder decoder = new GreetingDecoder(true);
        assertEquals(64, decoder.decode(buffer, 0, length));
        assertTrue(decoder.isComplete());
        assertEquals(ZmtpVersion.ZMTP_3_1, decoder.version());
        assertEquals(Mechanism.CURVE, decoder.mechanism());
        assertEquals(1, decoder.minorVersion());
    }

    @Test
    void byteByByteArrivalGivesTheSameResultAndStopsAtTheGreetingEnd()
    {
        GreetingDescriptor.encode(buffer, 0, Mechanism.PLAIN, false);
        buffer.putByte(64, (byte)0x04); // first byte of the frame that follows
        final GreetingDecoder decoder = new GreetingDecoder(true);
        int consumed = 0;
        for (int i = 0; i < 65; i++)
        {
            consumed += decoder.decode(buffer, i, 1);
            assertEquals(i >= GreetingDescriptor.MAJOR_VERSION_OFFSET, decoder.isVersionKnown(), "at byte " + i);
        }
        assertEquals(64, consumed, "the frame byte after the greeting is not the greeting's");
        assertEquals(Mechanism.PLAIN, decoder.mechanism());
    }

    @Test
    void minorZeroIsZmtp30AndOtherRevisionsCountAsTheNewest()
    {
        GreetingDescriptor.encode(buffer, 0, Mechanism.NULL, false);
        buffer.putByte(GreetingDescriptor.MINOR_VERSION_OFFSET, (byte)0);
        assertEquals(ZmtpVersion.ZMTP_3_0, decodeWhole(64).version());

        buffer.putByte(GreetingDescriptor.MAJOR_VERSION_OFFSET, (byte)4);
        assertEquals(ZmtpVersion.ZMTP_3_1, decodeWhole(64).version());
    }

    @Test
    void asServerByteAndFillerAreNotValidated()
    {
        GreetingDescriptor.encode(buffer, 0, Mechanism.NULL, false);
        buffer.putByte(GreetingDescriptor.AS_SERVER_OFFSET, (byte)0x5A);
        buffer.setMemory(GreetingDescriptor.FILLER_OFFSET, 31, (byte)0xEE);
        buffer.setMemory(1, 8, (byte)0x33); // libzmq puts data in the signature padding
        final GreetingDecoder decoder = decodeWhole(64);
        assertTrue(decoder.isComplete());
        assertEquals(Mechanism.NULL, decoder.mechanism());
    }

    @Test
    void zmtp20PeerSendsTwelveBytesWithItsSocketType()
    {
        buffer.setMemory(0, 12, (byte)0);
        buffer.putByte(0, (byte)0xFF);
        buffer.putByte(9, (byte)0x7F);
        buffer.putByte(10, (byte)GreetingDescriptor.REVISION_2_0);
        buffer.putByte(11, (byte)SocketType.DEALER.number());
        final GreetingDecoder decoder = decodeWhole(12);
        assertEquals(12, decoder.receivedLength());
        assertEquals(ZmtpVersion.ZMTP_2_0, decoder.version());
        assertEquals(SocketType.DEALER.number(), decoder.v2SocketType());
        assertNull(decoder.mechanism());
        assertFalse(decoder.version().hasMechanism());
    }

    @Test
    void revisionZeroIsVersionedZmtp10()
    {
        buffer.setMemory(0, 12, (byte)0);
        buffer.putByte(0, (byte)0xFF);
        buffer.putByte(9, (byte)0x7F);
        buffer.putByte(10, (byte)GreetingDescriptor.REVISION_1_0);
        final GreetingDecoder decoder = decodeWhole(12);
        assertEquals(ZmtpVersion.ZMTP_1_0, decoder.version());
        assertTrue(decoder.isVersioned());
    }

    @Test
    void peerWithoutGreetingIsUnversionedZmtp10AndItsBytesAreKeptForReplay()
    {
        // ZMTP 1.0: the identity frame comes first: length 6 (flags + 5 bytes), flags 0, "hello".
        buffer.putBytes(0, new byte[]{6, 0, 'h', 'e', 'l', 'l', 'o'});
        final GreetingDecoder decoder = new GreetingDecoder(true);
        assertEquals(1, decoder.decode(buffer, 0, 7), "decided on the first byte");
        assertTrue(decoder.isComplete());
        assertFalse(decoder.isVersioned());
        assertEquals(ZmtpVersion.ZMTP_1_0, decoder.version());
        assertEquals(6, decoder.received().getByte(0));
    }

    @Test
    void longFirstFrameOfZmtp10IsToldApartAtByteNine()
    {
        // 0xFF then an 8-byte length whose low byte has bit 0 clear: a ZMTP 1.0 long frame, not a signature.
        buffer.setMemory(0, 10, (byte)0);
        buffer.putByte(0, (byte)0xFF);
        buffer.putByte(9, (byte)0x02);
        final GreetingDecoder decoder = new GreetingDecoder(true);
        assertEquals(10, decoder.decode(buffer, 0, 64));
        assertFalse(decoder.isVersioned());
        assertEquals(ZmtpVersion.ZMTP_1_0, decoder.version());
    }

    @Test
    void resetAllowsReuse()
    {
        GreetingDescriptor.encode(buffer, 0, Mechanism.NULL, false);
        final GreetingDecoder decoder = new GreetingDecoder(true);
        decoder.decode(buffer, 0, 64);
        decoder.reset();
        assertFalse(decoder.isComplete());
        assertEquals(64, decoder.decode(buffer, 0, 64));
        assertEquals(ZmtpVersion.ZMTP_3_1, decoder.version());
    }

    private GreetingDecoder decodeWhole(final int length)
    {
        final GreetingDecoder decoder = new GreetingDecoder(true);
        assertEquals(length, decoder.decode(buffer, 0, length));
        assertTrue(decoder.isComplete());
        return decoder;
    }
}
