package io.ringmq.transports;

/**
 * The Linux errno values libzmq puts in a monitor event's value, so tooling written for libzmq reads ringmq's
 * events the same way.
 */
public final class Errno
{
    public static final int ENOMEM = 12;
    public static final int EPROTO = 71;
    public static final int EMSGSIZE = 90;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;

    private Errno()
    {
    }
}
