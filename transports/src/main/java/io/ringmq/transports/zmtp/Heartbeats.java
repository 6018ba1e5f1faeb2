package io.ringmq.transports.zmtp;

/**
 * The deadlines of one ZMTP connection: HANDSHAKE_IVL until the handshake ends, then RFC 37's heartbeats (PING every
 * HEARTBEAT_IVL, HEARTBEAT_TIMEOUT after a PING without traffic, the TTL the peer announced in its PING). Every
 * deadline reads the time the engine passes in; the engine acts on what {@link #due} reports.
 */
final class Heartbeats
{
    static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long NANOS_PER_DECISECOND = 100_000_000L;

    /** {@link #due}: nothing is due. */
    static final int NONE = 0;
    /** {@link #due}: no handshake within HANDSHAKE_IVL. */
    static final int HANDSHAKE_TIMEOUT = 1;
    /** {@link #due}: no traffic within the TTL the peer announced. */
    static final int TTL_EXPIRED = 2;
    /** {@link #due}: no traffic within HEARTBEAT_TIMEOUT of a PING. */
    static final int HEARTBEAT_TIMEOUT = 3;
    /** {@link #due}: a PING is to be sent; call {@link #pingQueued} after. */
    static final int PING_DUE = 4;

    private final StreamEngineConfig config;
    private long handshakeDeadlineNs = NO_DEADLINE;
    private long nextPingNs = NO_DEADLINE;
    private long heartbeatDeadlineNs = NO_DEADLINE;
    private long ttlDeadlineNs = NO_DEADLINE;
    private long peerTtlNs;

    Heartbeats(final StreamEngineConfig config)
    {
        this.config = config;
    }

    void handshakeStarted(final long nowNs)
    {
        if (config.handshakeIvlNs > 0)
        {
            handshakeDeadlineNs = nowNs + config.handshakeIvlNs;
        }
    }

    /**
     * @param pings false for peers without heartbeats (ZMTP 2.0 and 3.0).
     */
    void handshakeEnded(final long nowNs, final boolean pings)
    {
        handshakeDeadlineNs = NO_DEADLINE;
        if (config.heartbeatIvlNs > 0 && pings)
        {
            nextPingNs = nowNs + config.heartbeatIvlNs;
        }
    }

    /** Bytes from the peer are about to be decoded: any traffic answers a PING and renews the TTL. */
    void trafficArriving()
    {
        ttlDeadlineNs = NO_DEADLINE;
        heartbeatDeadlineNs = NO_DEADLINE;
    }

    void trafficArrived(final long nowNs)
    {
        if (peerTtlNs > 0)
        {
            ttlDeadlineNs = nowNs + peerTtlNs;
        }
    }

    /** The peer's PING announced this TTL, in deciseconds as on the wire. */
    void peerTtl(final int deciseconds)
    {
        peerTtlNs = deciseconds * NANOS_PER_DECISECOND;
    }

    /**
     * @return what is due now, the first of {@link #HANDSHAKE_TIMEOUT}, {@link #TTL_EXPIRED},
     * {@link #HEARTBEAT_TIMEOUT} and {@link #PING_DUE}; or {@link #NONE}.
     */
    int due(final long nowNs)
    {
        if (nowNs - handshakeDeadlineNs >= 0 && handshakeDeadlineNs != NO_DEADLINE)
        {
            return HANDSHAKE_TIMEOUT;
        }
        if (ttlDeadlineNs != NO_DEADLINE && nowNs - ttlDeadlineNs >= 0)
        {
            return TTL_EXPIRED;
        }
        if (heartbeatDeadlineNs != NO_DEADLINE && nowNs - heartbeatDeadlineNs >= 0)
        {
            return HEARTBEAT_TIMEOUT;
        }
        if (nextPingNs != NO_DEADLINE && nowNs - nextPingNs >= 0)
        {
            return PING_DUE;
        }
        return NONE;
    }

    /** @return the TTL our PINGs announce, in deciseconds as on the wire. */
    int pingTtl()
    {
        return (int)Math.min(config.heartbeatTtlNs / NANOS_PER_DECISECOND, 0xFFFF);
    }

    /** A PING was sent (or skipped for want of room): the next is due an interval on, the timeout starts. */
    void pingQueued(final long nowNs)
    {
        nextPingNs = nowNs + config.heartbeatIvlNs;
        if (heartbeatDeadlineNs == NO_DEADLINE && config.effectiveHeartbeatTimeoutNs() > 0)
        {
            heartbeatDeadlineNs = nowNs + config.effectiveHeartbeatTimeoutNs();
        }
    }

    /** The engine failed: no more PINGs and no handshake deadline. */
    void stop()
    {
        nextPingNs = NO_DEADLINE;
        handshakeDeadlineNs = NO_DEADLINE;
    }

    /**
     * @return the earliest deadline, or {@link #NO_DEADLINE}.
     */
    long nextDeadlineNs()
    {
        return Math.min(Math.min(handshakeDeadlineNs, nextPingNs), Math.min(heartbeatDeadlineNs, ttlDeadlineNs));
    }
}
