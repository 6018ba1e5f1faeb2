package io.ringmq.codecs;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The command names of ZMTP 3.1 and of the mechanisms that run over it.
 */
public enum CommandName
{
    READY,
    ERROR,
    SUBSCRIBE,
    CANCEL,
    PING,
    PONG,
    /** PLAIN and CURVE handshake commands. */
    HELLO,
    WELCOME,
    INITIATE,
    /** CURVE's encrypted envelope for every frame after the handshake. */
    MESSAGE;

    private static final CommandName[] VALUES = values();

    private final byte[] wireName = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * @return the ASCII name; callers must not modify it.
     */
    public byte[] wireName()
    {
        return wireName;
    }

    /**
     * @return the command named by these bytes, or null for a name this build does not know.
     */
    public static CommandName fromWireName(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final CommandName name : VALUES)
        {
            if (name.wireName.length == length && Ascii.equals(buffer, offset, name.wireName))
            {
                return name;
            }
        }
        return null;
    }
}
