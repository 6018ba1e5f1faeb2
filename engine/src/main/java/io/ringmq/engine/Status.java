package io.ringmq.engine;

/**
 * Outcomes of send and receive on the hot path, as {@code int}s so that reporting them never allocates. Each
 * non-OK value is the libzmq errno a C user would see; receive methods return a frame length (0 or more) on success.
 */
public final class Status
{
    /** Done. */
    public static final int OK = 0;
    /** libzmq's EAGAIN: non-blocking and nothing to receive / no room to send, or the timeout expired. */
    public static final int WOULD_BLOCK = -1;
    /** libzmq's EFSM: the pattern's state machine forbids this now (e.g. REP sending before it received). */
    public static final int WRONG_STATE = -2;
    /** libzmq's EHOSTUNREACH: ROUTER with ROUTER_MANDATORY and no peer has that routing id. */
    public static final int UNROUTABLE = -3;
    /** libzmq's ETERM: the context was closed. */
    public static final int TERMINATED = -4;
    /** libzmq's EINTR: the waiting thread was interrupted; its interrupt flag is left set and the socket is intact. */
    public static final int INTERRUPTED = -5;

    private Status()
    {
    }

    /**
     * @return a readable name such as {@code "WOULD_BLOCK (EAGAIN)"}; lengths (0 or more) name as {@code "OK"}.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case WOULD_BLOCK:
                return "WOULD_BLOCK (EAGAIN)";
            case WRONG_STATE:
                return "WRONG_STATE (EFSM)";
            case UNROUTABLE:
                return "UNROUTABLE (EHOSTUNREACH)";
            case TERMINATED:
                return "TERMINATED (ETERM)";
            case INTERRUPTED:
                return "INTERRUPTED (EINTR)";
            default:
                return status >= 0 ? "OK" : "UNKNOWN(" + status + ")";
        }
    }
}
