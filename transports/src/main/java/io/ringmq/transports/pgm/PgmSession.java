package io.ringmq.transports.pgm;

import java.io.IOException;
import java.nio.channels.DatagramChannel;

/**
 * One epgm endpoint of a socket (a sender or a receiver), driven by a {@link PgmDriver}.
 */
abstract class PgmSession
{
    /**
     * @return the channel the driver selects for reading.
     */
    abstract DatagramChannel channel();

    /**
     * Reads what arrived, sends what is due. Never throws for anything a peer sent.
     *
     * @return work done, 0 when idle.
     */
    abstract int doWork(long nowNs) throws IOException;

    /**
     * @return the next time this session needs to run without input, Long.MAX_VALUE for none.
     */
    abstract long nextDeadlineNs();

    /**
     * @return true once the session has finished (its socket closed it and it sent what it had) and can go.
     */
    abstract boolean isDone();

    /**
     * Asks the session to finish: a sender sends what is queued and its closing SPMs first.
     */
    abstract void requestClose();

    /**
     * Releases the channel at once.
     */
    abstract void closeNow();
}
