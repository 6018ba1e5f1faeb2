package io.ringmq.transports;

import java.util.concurrent.TimeUnit;

/**
 * The socket options a connection obeys, snapshotted when the socket binds or connects (as libzmq snapshots its
 * options into each session). Durations are in nanoseconds.
 */
public final class ConnectionConfig
{
    /** libzmq's default RECONNECT_IVL: 100 ms. */
    public static final long DEFAULT_RECONNECT_IVL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    final StreamEngineConfig engine;
    final MechanismFactory mechanisms;
    int sndHwm = 1000;
    int rcvHwm = 1000;
    long reconnectIvlNs = DEFAULT_RECONNECT_IVL_NS;
    long reconnectIvlMaxNs;
    long connectTimeoutNs;
    long lingerNs = -1;
    int sndBuf = -1;
    int rcvBuf = -1;
    int backlog = 100;
    int tcpKeepAlive = -1;
    int tcpKeepAliveIdle = -1;
    int tcpKeepAliveIntvl = -1;
    int tcpKeepAliveCnt = -1;
    boolean raw;
    boolean conflate;
    ConnectionLimits limits = ConnectionLimits.NONE;

    /**
     * @param mechanisms makes one security mechanism per connection (NULL, PLAIN or CURVE, client or server).
     */
    public ConnectionConfig(final StreamEngineConfig engine, final MechanismFactory mechanisms)
    {
        this.engine = engine;
        this.mechanisms = mechanisms;
    }

    /** SNDHWM and RCVHWM in messages; 0 = no limit. */
    public ConnectionConfig hwm(final int sndHwm, final int rcvHwm)
    {
        this.sndHwm = sndHwm;
        this.rcvHwm = rcvHwm;
        return this;
    }

    /**
     * CONFLATE: every pipe of the connection keeps only the newest message in each direction (high-water marks do
     * not apply), as libzmq builds a conflating pipe pair for such a socket.
     */
    public ConnectionConfig conflate(final boolean conflate)
    {
        this.conflate = conflate;
        return this;
    }

    /** Limits the listener applies to connections it accepts (ringmq extensions; none by default, as libzmq). */
    public ConnectionConfig limits(final ConnectionLimits limits)
    {
        this.limits = java.util.Objects.requireNonNull(limits);
        return this;
    }

    /** @return true if the connection's pipes conflate. */
    public boolean isConflating()
    {
        return conflate;
    }

    /** RECONNECT_IVL and RECONNECT_IVL_MAX (0 = no back-off, as libzmq); a negative interval never reconnects. */
    public ConnectionConfig reconnect(final long ivlNs, final long ivlMaxNs)
    {
        this.reconnectIvlNs = ivlNs;
        this.reconnectIvlMaxNs = ivlMaxNs;
        return this;
    }

    /** CONNECT_TIMEOUT; 0 = the operating system's. */
    public ConnectionConfig connectTimeout(final long nanos)
    {
        this.connectTimeoutNs = nanos;
        return this;
    }

    /** LINGER: how long a closed socket's queued messages may still be written; negative = until written. */
    public ConnectionConfig linger(final long nanos)
    {
        this.lingerNs = nanos;
        return this;
    }

    /** SO_SNDBUF and SO_RCVBUF in bytes; -1 = the operating system's default. */
    public ConnectionConfig buffers(final int sndBuf, final int rcvBuf)
    {
        this.sndBuf = sndBuf;
        this.rcvBuf = rcvBuf;
        return this;
    }

    /** BACKLOG of a listening socket. */
    public ConnectionConfig backlog(final int backlog)
    {
        this.backlog = backlog;
        return this;
    }

    /** TCP_KEEPALIVE (-1 default, 0 off, 1 on), TCP_KEEPALIVE_IDLE, _INTVL (seconds) and _CNT; -1 leaves each. */
    public ConnectionConfig keepAlive(final int on, final int idle, final int interval, final int count)
    {
        this.tcpKeepAlive = on;
        this.tcpKeepAliveIdle = idle;
        this.tcpKeepAliveIntvl = interval;
        this.tcpKeepAliveCnt = count;
        return this;
    }

    /** STREAM sockets: raw bytes, no ZMTP. */
    public ConnectionConfig raw(final boolean raw)
    {
        this.raw = raw;
        return this;
    }

    public StreamEngineConfig engine()
    {
        return engine;
    }
}
