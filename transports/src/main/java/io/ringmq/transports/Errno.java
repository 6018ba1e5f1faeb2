package io.ringmq.transports;

/**
 * The Linux errno values libzmq puts in a monitor event's value, so tooling written for libzmq reads ringmq's
 * events the same way.
 */
final class Errno
{
    static final int ENOMEM = 12;
    static final int EPROTO = 71;
    static final int EMSGSIZE = 90;
    static final int ECONNRESET = 104;
    static final int ETIMEDOUT = 110;

    private Errno()
    {
    }
}
