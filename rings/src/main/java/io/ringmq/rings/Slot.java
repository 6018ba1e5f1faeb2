package io.ringmq.rings;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The Disruptor event for one slot: pre-allocated, never replaced. Everything small lives in the off-heap slot area
 * (see {@link SlotDescriptor}); the event only holds what cannot live off-heap: object references.
 */
final class Slot
{
    /** Pooled buffer holding the data when the message did not fit inline, else null. */
    UnsafeBuffer overflow;

    /** The connection's metadata (peer address, User-Id, ZAP properties) so a received message can answer for it. */
    Object metadata;
}
