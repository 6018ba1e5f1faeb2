package io.ringmq.engine;

import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * A routing id as a hash key. Stored keys are immutable copies; one mutable instance per ROUTER is reused for lookups
 * so that routing a message allocates nothing.
 */
final class RoutingId
{
    static final int MAX_LENGTH = 255;

    private final byte[] bytes;
    private int length;
    private int hash;

    RoutingId(final byte[] id)
    {
        bytes = id.clone();
        length = id.length;
        hash = hash(bytes, length);
    }

    /** A mutable lookup key. */
    RoutingId()
    {
        bytes = new byte[MAX_LENGTH];
    }

    /** @return false if the id is longer than any routing id can be (so it cannot be in the table). */
    boolean set(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_LENGTH)
        {
            return false;
        }
        buffer.getBytes(offset, bytes, 0, length);
        this.length = length;
        hash = hash(bytes, length);
        return true;
    }

    private static int hash(final byte[] bytes, final int length)
    {
        int h = 1;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public int hashCode()
    {
        return hash;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof RoutingId))
        {
            return false;
        }
        final RoutingId that = (RoutingId)other;
        return length == that.length && hash == that.hash &&
            Arrays.equals(bytes, 0, length, that.bytes, 0, that.length);
    }
}
