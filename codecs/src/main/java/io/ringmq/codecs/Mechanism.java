package io.ringmq.codecs;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The security mechanisms a ZMTP 3 greeting may name. libzmq compares all 20 bytes of the field, so a name
 * is only valid followed by NUL padding to the end of the field.
 */
public enum Mechanism
{
    NULL,
    PLAIN,
    CURVE;

    private static final Mechanism[] VALUES = values();

    private final byte[] wireName = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * @return the ASCII name as written into the greeting, before padding; callers must not modify it.
     */
    public byte[] wireName()
    {
        return wireName;
    }

    /**
     * Looks up a mechanism by its name as received, without allocating.
     *
     * @return the mechanism, or null if the name is not one this build knows.
     */
    public static Mechanism fromWireName(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final Mechanism mechanism : VALUES)
        {
            if (mechanism.wireName.length == length && Ascii.equals(buffer, offset, mechanism.wireName))
            {
                return mechanism;
            }
        }
        return null;
    }
}
