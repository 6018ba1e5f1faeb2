package io.ringmq.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per class of hostile input: each yields a typed {@link WireError}, never an exception, and no
 * allocation sized by the peer (the frame decoder's reassembly buffer stays unallocated).
 */
class MalformedInputTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final FrameHandler refuseFrames = (flags, src, offset, length) ->
    {
        throw new AssertionError("no frame may be delivered from malformed input");
    };

    @Test
    void badSignature()
    {
        // A first byte of 0 is neither a signature nor a ZMTP 1.0 frame length.
        buffer.putByte(0, (byte)0);
        final GreetingDecoder lenient = new GreetingDecoder(true);
        assertEquals(-1, lenient.decode(buffer, 0, 10));
        assertEquals(WireError.BAD_SIGNATURE, lenient.error());

        // When legacy peers are not allowed, anything but the ZMTP 2.0+ signature is refused.
        buffer.putBytes(0, "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII));
        final GreetingDecoder strict = new GreetingDecoder(false);
        assertEquals(-1, strict.decode(buffer, 0, 14));
        assertEquals(WireError.BAD_SIGNATURE, strict.error());
        assertEquals(-1, strict.decode(buffer, 0, 14), "a refused greeting stays refused");
    }

    @Test
    void unknownMechanism()
    {
        GreetingDescriptor.encode(buffer, 0, Mechanism.NULL, false);
        buffer.putBytes(GreetingDescriptor.MECHANISM_OFFSET, "GSSAPI".getBytes(StandardCharsets.US_ASCII));
        final GreetingDecoder decoder = new GreetingDecoder(true);
        assertEquals(-1, decoder.decode(buffer, 0, 64));
        assertEquals(WireError.UNKNOWN_MECHANISM, decoder.error());
        assertFalse(decoder.isComplete());
    }

    @Test
    void unpaddedMechanism()
    {
        GreetingDescriptor.encode(buffer, 0, Mechanism.NULL, false);
        buffer.putByte(GreetingDescriptor.MECHANISM_OFFSET + 19, (byte)'X'); // "NULL\0...\0X"
        final GreetingDecoder decoder = new GreetingDecoder(true);
        assertEquals(-1, decoder.decode(buffer, 0, 64));
        assertEquals(WireError.UNPADDED_MECHANISM, decoder.error());
    }

    @Test
    void reservedFlagBits()
    {
        for (int bit = 3; bit < 8; bit++)
        {
            buffer.putByte(0, (byte)(1 << bit));
            buffer.putByte(1, (byte)0);
            final FrameDecoder decoder = new FrameDecoder(-1);
            assertEquals(-1, decoder.decode(buffer, 0, 2, refuseFrames), "bit " + bit);
            assertEquals(WireError.RESERVED_FLAGS, decoder.error());
        }
    }

    @Test
    void longFrameBeyondTheMaximumIncludingMaxLongAndNegative()
    {
        final long[] sizes = {1025, Integer.MAX_VALUE, (1L << 32) + 5, Long.MAX_VALUE, -1L, Long.MIN_VALUE};
        for (final long size : sizes)
        {
            buffer.putByte(0, (byte)FrameDescriptor.FLAG_LONG);
            buffer.putLong(1, size, ByteOrder.BIG_ENDIAN);
            final FrameDecoder decoder = new FrameDecoder(1024);
            assertEquals(-1, decoder.decode(buffer, 0, 9, refuseFrames), "size " + Long.toUnsignedString(size));
            assertEquals(WireError.FRAME_TOO_LARGE, decoder.error());

            final FrameDecoder unlimited = new FrameDecoder(-1);
            if (size < 0 || size > FrameDescriptor.MAX_FRAME_LENGTH)
            {
                assertEquals(-1, unlimited.decode(buffer, 0, 9, refuseFrames), "unlimited still bounded");
                assertEquals(WireError.FRAME_TOO_LARGE, unlimited.error());
            }
        }
    }

    @Test
    void commandNameLengthBeyondTheFrame()
    {
        final CommandDecoder command = new CommandDecoder();
        buffer.putByte(0, (byte)5);
        buffer.putBytes(1, "READ".getBytes(StandardCharsets.US_ASCII));
        assertEquals(WireError.COMMAND_NAME_OVERFLOW, command.wrap(buffer, 0, 5));
        assertEquals(WireError.COMMAND_NAME_OVERFLOW, command.wrap(buffer, 0, 0), "empty command");
        buffer.putByte(0, (byte)0xFF);
        assertEquals(WireError.COMMAND_NAME_OVERFLOW, command.wrap(buffer, 0, 200));
    }

    @Test
    void propertyLengthBeyondTheCommand()
    {
        final CommandDecoder command = new CommandDecoder();
        final PropertyHandler handler = (src, nameOffset, nameLength, valueOffset, valueLength) ->
        {
            throw new AssertionError("no property may be delivered");
        };
        // name length beyond the command
        int length = readyWithProperty(new byte[]{(byte)200, 'a'});
        command.wrap(buffer, 0, length);
        assertEquals(WireError.PROPERTY_OVERFLOW, command.readProperties(handler));
        // value length field cut short
        length = readyWithProperty(new byte[]{1, 'a', 0, 0});
        command.wrap(buffer, 0, length);
        assertEquals(WireError.PROPERTY_OVERFLOW, command.readProperties(handler));
        // value length beyond the command, also when it reads negative as a signed int
        for (final int valueLength : new int[]{3, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000})
        {
            length = readyWithProperty(new byte[]{1, 'a',
                (byte)(valueLength >>> 24), (byte)(valueLength >>> 16), (byte)(valueLength >>> 8), (byte)valueLength,
                'x', 'y'});
            command.wrap(buffer, 0, length);
            assertEquals(WireError.PROPERTY_OVERFLOW, command.readProperties(handler), "value length " + valueLength);
        }
    }

    @Test
    void badProperty()
    {
        final UnsafeBuffer properties = new UnsafeBuffer(new byte[64]);
        int length = Metadata.encodeProperty(properties, 0,
            "Socket-Type".getBytes(StandardCharsets.US_ASCII), "TOASTER".getBytes(StandardCharsets.US_ASCII));
        final byte[] body = new byte[length];
        properties.getBytes(0, body);
        final CommandDecoder command = new CommandDecoder();
        command.wrap(buffer, 0, readyWithProperty(body));
        assertEquals(WireError.BAD_PROPERTY, new ReadyProperties().read(command), "unknown socket type");

        length = Metadata.encodeProperty(properties, 0,
            "socket-type".getBytes(StandardCharsets.US_ASCII), "PUB".getBytes(StandardCharsets.US_ASCII));
        length += Metadata.encodeProperty(properties, length,
            "Socket-Type".getBytes(StandardCharsets.US_ASCII), "SUB".getBytes(StandardCharsets.US_ASCII));
        final byte[] twice = new byte[length];
        properties.getBytes(0, twice);
        command.wrap(buffer, 0, readyWithProperty(twice));
        assertEquals(WireError.BAD_PROPERTY, new ReadyProperties().read(command), "Socket-Type twice");
    }

    @Test
    void truncatedEverything()
    {
        // A greeting cut anywhere is incomplete, never an error and never complete.
        final UnsafeBuffer greeting = new UnsafeBuffer(new byte[64]);
        GreetingDescriptor.encode(greeting, 0, Mechanism.NULL, false);
        for (int cut = 1; cut < 64; cut++)
        {
            final GreetingDecoder decoder = new GreetingDecoder(true);
            assertEquals(cut, decoder.decode(greeting, 0, cut));
            assertFalse(decoder.isComplete(), "cut at " + cut);
            assertEquals(WireError.NONE, decoder.error());
        }

        // A frame cut anywhere delivers nothing and waits, in short form, long size and body.
        final int length = FrameDescriptor.encodeFrame(buffer, 0, 0, new UnsafeBuffer(new byte[100]), 0, 100);
        final int longLength = FrameDescriptor.encodeFrame(buffer, length, 0, new UnsafeBuffer(new byte[300]), 0, 300);
        for (int cut = 1; cut < longLength; cut++)
        {
            final FrameDecoder decoder = new FrameDecoder(-1);
            assertEquals(cut, decoder.decode(buffer, length, cut, refuseFrames));
            assertFalse(decoder.isAtFrameBoundary());
        }

        // Commands whose fixed fields are cut short.
        final CommandDecoder command = new CommandDecoder();
        final int errorLength = CommandEncoder.encodeError(buffer, 0, "access denied");
        command.wrap(buffer, 2, errorLength - 2 - 3);
        assertEquals(CommandName.ERROR, command.name());
        assertEquals(WireError.TRUNCATED_COMMAND, command.readErrorReason(), "ERROR reason beyond the frame");
        command.wrap(buffer, 2, 1 + "ERROR".length());
        assertEquals(WireError.TRUNCATED_COMMAND, command.readErrorReason(), "ERROR without a reason length");

        final int pingLength = CommandEncoder.encodePing(buffer, 0, 10, null, 0, 0);
        command.wrap(buffer, 2, pingLength - 2 - 1);
        assertEquals(CommandName.PING, command.name());
        assertEquals(WireError.TRUNCATED_COMMAND, command.readPing(), "PING with half a TTL");
    }

    @Test
    void randomBytesNeverThrowAndNeverAllocateBeyondTheLimit()
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(2026);
        final byte[] noise = new byte[512];
        final UnsafeBuffer noiseBuffer = new UnsafeBuffer(noise);
        final CommandDecoder command = new CommandDecoder();
        final ReadyProperties properties = new ReadyProperties();
        for (int round = 0; round < 20_000; round++)
        {
            for (int i = 0; i < noise.length; i++)
            {
                noise[i] = (byte)random.nextInt(256);
            }
            final int length = random.nextInt(noise.length + 1);
            final FrameDecoder frames = new FrameDecoder(4096);
            final int consumed = frames.decode(noiseBuffer, 0, length, (f, src, offset, len) -> len <= 4096);
            assertTrue(consumed == -1 || consumed <= length);
            new GreetingDecoder(random.nextBoolean()).decode(noiseBuffer, 0, length);
            if (command.wrap(noiseBuffer, 0, length) == WireError.NONE)
            {
                properties.read(command);
                command.readErrorReason();
                command.readPing();
            }
        }
    }

    /**
     * Writes a READY command body (no frame header) followed by raw property bytes at offset 0.
     */
    private int readyWithProperty(final byte[] propertyBytes)
    {
        buffer.putByte(0, (byte)5);
        buffer.putBytes(1, "READY".getBytes(StandardCharsets.US_ASCII));
        buffer.putBytes(6, propertyBytes);
        return 6 + propertyBytes.length;
    }
}
