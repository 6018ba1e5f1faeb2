package io.ringmq.transports.channels;

/**
 * An endpoint that cannot be used: malformed text, or a transport this build does not have. The message quotes
 * the offending text, so a command line can print it as is.
 */
public final class BadEndpointException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final boolean unsupported;

    public BadEndpointException(final String message, final boolean unsupported)
    {
        super(message);
        this.unsupported = unsupported;
    }

    /**
     * @return true if the text is well formed but names a transport not built (libzmq's EPROTONOSUPPORT), false
     * if it is malformed (EINVAL).
     */
    public boolean isUnsupported()
    {
        return unsupported;
    }
}
