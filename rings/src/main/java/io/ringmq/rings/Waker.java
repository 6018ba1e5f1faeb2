package io.ringmq.rings;

/**
 * Something a producer pokes after publishing so that a consumer parked waiting for it runs again. Implementations
 * must be cheap when nobody is parked: the common case on the hot path.
 */
@FunctionalInterface
public interface Waker
{
    /** A waker for threads that never park (busy-spin, yield and back-off strategies poll on their own). */
    Waker NONE = () -> {};

    /** Wake the owner if, and only if, it is parked. */
    void wake();
}
