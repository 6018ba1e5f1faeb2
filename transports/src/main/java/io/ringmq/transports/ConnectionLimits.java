package io.ringmq.transports;

/**
 * Limits a listener applies to the connections it accepts, against hostile load (ringmq extensions: libzmq has
 * none of them, and its behaviour is what 0 means here: no limit). A connection over a limit is closed as soon as it
 * is accepted, before a byte of it is read, and reported as {@link TransportEvent#LIMIT_REFUSED} with the limit's
 * reason as the event's value.
 */
public final class ConnectionLimits
{
    /** No limits at all: libzmq's behaviour. */
    public static final ConnectionLimits NONE = new ConnectionLimits(0, 0, 0);

    final int maxConnections;
    final int maxHandshakes;
    final int handshakesPerSecondPerSource;

    /**
     * @param maxConnections               connections open at once per listener; 0 = no limit.
     * @param maxHandshakes                connections accepted whose handshake has not completed, per listener;
     *                                     0 = no limit.
     * @param handshakesPerSecondPerSource connections one source address may open per second, in a burst of as
     *                                     many; 0 = no limit.
     */
    public ConnectionLimits(final int maxConnections, final int maxHandshakes, final int handshakesPerSecondPerSource)
    {
        if (maxConnections < 0 || maxHandshakes < 0 || handshakesPerSecondPerSource < 0)
        {
            throw new IllegalArgumentException("limits are >= 0 (0 = none)");
        }
        this.maxConnections = maxConnections;
        this.maxHandshakes = maxHandshakes;
        this.handshakesPerSecondPerSource = handshakesPerSecondPerSource;
    }
}
