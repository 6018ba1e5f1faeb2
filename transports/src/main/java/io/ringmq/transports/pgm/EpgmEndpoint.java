package io.ringmq.transports.pgm;

import io.ringmq.rings.Pipe;

import java.io.IOException;

/**
 * One socket's epgm endpoint: a sender (PUB, XPUB) or a receiver (SUB, XSUB) over the transport's end of a
 * {@link Pipe}, run by a {@link PgmDriver}.
 */
public final class EpgmEndpoint implements AutoCloseable
{
    private static final byte[] SUBSCRIBE_ALL = {1};

    private final PgmDriver driver;
    private final PgmSession session;
    private final String endpoint;

    private EpgmEndpoint(final PgmDriver driver, final PgmSession session, final String endpoint)
    {
        this.driver = driver;
        this.session = session;
        this.endpoint = endpoint;
    }

    /**
     * Opens the endpoint now (so a bad interface or a port in use is reported to the caller) and hands it to the
     * driver.
     *
     * @param send      true for a sender: the pipe is subscribed to everything (a multicast group has no
     *                  upstream), as libzmq subscribes its pgm pipes.
     * @param transport the transport's end of the pipe; the socket holds the other.
     */
    public static EpgmEndpoint open(
        final String endpoint, final EpgmAddress address, final boolean send, final PgmOptions options,
        final Pipe.End transport, final PgmDriver driver) throws IOException
    {
        transport.waker(driver.waker());
        final PgmSession session;
        if (send)
        {
            session = new PgmSender(address, options, transport);
            if (transport.tryClaim() == Pipe.CLAIMED)
            {
                transport.append(SUBSCRIBE_ALL, 0, SUBSCRIBE_ALL.length);
                transport.publish();
            }
        }
        else
        {
            session = new PgmReceiver(address, options, transport);
        }
        driver.add(session);
        return new EpgmEndpoint(driver, session, endpoint);
    }

    public String endpoint()
    {
        return endpoint;
    }

    /**
     * Finishes the endpoint: a sender sends what is queued, then its closing SPMs.
     */
    @Override
    public void close()
    {
        driver.close(session);
    }
}
