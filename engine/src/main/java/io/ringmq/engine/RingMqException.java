package io.ringmq.engine;

/**
 * Misuse of the API (closed socket, option a socket type does not take, unsupported endpoint, an operation a
 * pattern forbids) or, from the convenience methods only, a non-OK {@link Status}. The message names the socket
 * type and its state.
 */
public class RingMqException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;

    public RingMqException(final String message)
    {
        this(message, Status.OK);
    }

    public RingMqException(final String message, final int status)
    {
        super(message);
        this.status = status;
    }

    public RingMqException(final String message, final int status, final Throwable cause)
    {
        super(message, cause);
        this.status = status;
    }

    /**
     * @return the {@link Status} that caused this, or {@link Status#OK} if it reports misuse rather than a status.
     */
    public int status()
    {
        return status;
    }
}
