package io.ringmq.codecs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command frame's body, arbitrary, through every reader the engine and the mechanisms use (name, READY/INITIATE
 * metadata, ERROR reason, PING, PONG): each either refuses with a {@link WireError} or points inside the frame,
 * never before it or past its end. The body sits at an offset in an exactly sized buffer, so a read past the
 * end throws and a read before the start is caught by the bounds asserted.
 */
class CommandDecoderFuzz
{
    private static final int OFFSET = 7;

    @FuzzTest
    void readsOnlyWithinTheFrame(final byte[] body)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + body.length]);
        buffer.putBytes(OFFSET, body);
        final int end = OFFSET + body.length;
        final CommandDecoder command = new CommandDecoder();
        if (command.wrap(buffer, OFFSET, body.length) != WireError.NONE)
        {
            return;
        }
        within(command.nameOffset(), command.nameLength(), end);
        within(command.dataOffset(), command.dataLength(), end);

        final int[] properties = {0};
        final WireError metadata = command.readProperties((b, nameOffset, nameLength, valueOffset, valueLength) ->
        {
            within(nameOffset, nameLength, end);
            within(valueOffset, valueLength, end);
            assertTrue(nameOffset + nameLength <= valueOffset, "the value follows the name");
            properties[0]++;
            return true;
        });
        assertTrue(metadata == WireError.NONE || metadata == WireError.PROPERTY_OVERFLOW, metadata.toString());
        assertTrue(properties[0] <= body.length / 5, "a property takes at least 5 bytes");

        if (command.readErrorReason() == WireError.NONE)
        {
            within(command.fieldOffset(), command.fieldLength(), end);
        }
        if (command.readPing() == WireError.NONE)
        {
            within(command.fieldOffset(), command.fieldLength(), end);
            assertTrue(command.pingTtl() >= 0 && command.pingTtl() <= 0xFFFF);
        }
        assertEquals(WireError.NONE, command.readPong());
        within(command.fieldOffset(), command.fieldLength(), end);
    }

    private static void within(final int offset, final int length, final int end)
    {
        assertTrue(offset >= OFFSET && length >= 0 && offset + length <= end,
            "[" + offset + ", +" + length + ") outside [" + OFFSET + ", " + end + ")");
    }
}
