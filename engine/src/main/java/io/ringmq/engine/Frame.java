package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;

/** The frame last received: a view into a ring slot (or a routing id) plus libzmq's "more" flag. */
final class Frame
{
    final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    boolean more;
    /**
     * The writer's metadata for the message this frame belongs to (a
     * {@link io.ringmq.transports.zmtp.Metadata}), or null.
     */
    Object metadata;
}
