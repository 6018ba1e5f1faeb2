package io.ringmq.crypto;

import io.ringmq.codecs.FrameDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives one mechanism with the frames a fuzzer sends as its peer, the way the stream engine does: each command
 * consumed, then every command the mechanism has to say produced, until it is ready or has failed. What must
 * hold whatever the frames: no exception escapes, the status is one of the three, a failure has a reason and is
 * final, and a mechanism that encrypts opens messages only within their frame.
 */
final class MechanismUnderFuzz
{
    private static final int MAX_COMMANDS_PER_STEP = 8;

    private MechanismUnderFuzz()
    {
    }

    /** The bodies of the ZMTP frames in {@code wire}, up to the first that does not parse. */
    static List<byte[]> frames(final byte[] wire)
    {
        final List<byte[]> bodies = new ArrayList<>();
        new FrameDecoder(-1).decode(new UnsafeBuffer(wire), 0, wire.length, (flags, buffer, offset, length) ->
        {
            final byte[] body = new byte[length];
            buffer.getBytes(offset, body);
            bodies.add(body);
            return true;
        });
        return bodies;
    }

    static void run(final SecurityMechanism mechanism, final byte[] wire)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[16_384]);
        produceAll(mechanism, out);
        for (final byte[] body : frames(wire))
        {
            // Each command in a buffer of its own, exactly sized: a read past it throws.
            final DirectBuffer command = new UnsafeBuffer(body);
            final int status = mechanism.status();
            if (status == SecurityMechanism.HANDSHAKING)
            {
                mechanism.consumeCommand(command, 0, body.length);
                produceAll(mechanism, out);
            }
            else if (status == SecurityMechanism.READY && mechanism.encryptsMessages())
            {
                final int plain = mechanism.decodeMessage(command, 0, body.length);
                if (plain >= 0)
                {
                    assertTrue(plain <= body.length, "plaintext no longer than its box");
                    assertTrue(plain <= mechanism.plaintext().capacity());
                }
                else
                {
                    assertNotNull(mechanism.errorReason(), "a refused message says why");
                }
            }
            else
            {
                break;
            }
        }
        final int status = mechanism.status();
        assertTrue(status == SecurityMechanism.HANDSHAKING || status == SecurityMechanism.READY ||
            status == SecurityMechanism.FAILED, "status " + status);
        if (status == SecurityMechanism.FAILED)
        {
            assertNotNull(mechanism.errorReason(), "a failure says why");
            assertNotNull(mechanism.failure());
            assertTrue(mechanism.produceCommand(out, 0) <= 0, "nothing more to say once failed");
        }
        mechanism.close();
    }

    private static void produceAll(final SecurityMechanism mechanism, final UnsafeBuffer out)
    {
        for (int i = 0; i < MAX_COMMANDS_PER_STEP; i++)
        {
            final int length = mechanism.produceCommand(out, 0);
            if (length <= 0)
            {
                return;
            }
            assertTrue(length <= out.capacity());
        }
        throw new AssertionError("more than " + MAX_COMMANDS_PER_STEP + " commands in one step");
    }
}
