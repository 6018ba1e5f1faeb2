package io.ringmq.cli;

/**
 * A failure the command line reports as one {@code ringmq: } line and an exit status: 1 for runtime failures
 * (peer never came, timeout, handshake refused, address in use), 2 for usage errors (bad endpoint, key, number).
 */
final class CliException extends RuntimeException
{
    static final int RUNTIME = 1;
    static final int USAGE = 2;
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(final int exitCode, final String message, final Throwable cause)
    {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException usage(final String message)
    {
        return new CliException(USAGE, message);
    }

    static CliException runtime(final String message)
    {
        return new CliException(RUNTIME, message);
    }

    int exitCode()
    {
        return exitCode;
    }
}
