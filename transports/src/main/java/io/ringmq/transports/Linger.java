package io.ringmq.transports;

/**
 * A socket's LINGER, shared by the socket and every connection and connector it made: libzmq reads the value in
 * force when the socket closes, not the one it had when it connected, so a LINGER set after connect (the usual
 * "set LINGER 0, then close") must reach them. Written by the socket's thread, read by an I/O thread once the
 * socket's pipe is seen closed (a volatile read after the pipe's own publication of the close).
 */
public final class Linger
{
    private volatile long nanos;

    /** @param nanos how long a closed socket's queued messages may still be written; negative = until written. */
    public Linger(final long nanos)
    {
        this.nanos = nanos;
    }

    /** @return LINGER in nanoseconds; negative = until written. */
    public long nanos()
    {
        return nanos;
    }

    public void nanos(final long nanos)
    {
        this.nanos = nanos;
    }
}
