package io.ringmq.codecs;

import org.agrona.DirectBuffer;

/**
 * Allocation-free comparisons of wire bytes against known ASCII names.
 */
final class Ascii
{
    private Ascii()
    {
    }

    static boolean equals(final DirectBuffer buffer, final int offset, final byte[] expected)
    {
        for (int i = 0; i < expected.length; i++)
        {
            if (buffer.getByte(offset + i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Case-insensitive, as libzmq compares property names.
     */
    static boolean equalsIgnoreCase(
        final DirectBuffer buffer, final int offset, final int length, final byte[] expected)
    {
        if (length != expected.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (lower(buffer.getByte(offset + i)) != lower(expected[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static int lower(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
