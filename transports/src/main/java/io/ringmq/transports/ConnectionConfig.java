package io.ringmq.transports;

import io.ringmq.transports.zmtp.MechanismFactory;
import io.ringmq.transports.zmtp.StreamEngineConfig;

import java.util.concurrent.TimeUnit;

/**
 * What a connection obeys, snapshotted when the socket binds or connects (as libzmq snapshots its options into each
 * session): the socket's {@link TransportOptions}, the ZMTP engine's configuration and security mechanism, and what
 * the engine keeps itself (high-water marks, CONFLATE, raw STREAM framing). LINGER is the exception, as in libzmq:
 * the socket's own {@link Linger}, so the value set last before close applies.
 */
public final class ConnectionConfig
{
    final StreamEngineConfig engine;
    final MechanismFactory mechanisms;
    final TransportOptions options;
    int sndHwm = 1000;
    int rcvHwm = 1000;
    Linger linger = new Linger(-1);
    boolean raw;
    boolean conflate;

    /**
     * With libzmq's default transport options.
     *
     * @param mechanisms makes one security mechanism per connection (NULL, PLAIN or CURVE, client or server).
     */
    public ConnectionConfig(final StreamEngineConfig engine, final MechanismFactory mechanisms)
    {
        this(engine, mechanisms, new TransportOptions());
    }

    /**
     * @param options copied: later changes to them do not reach this connection.
     */
    public ConnectionConfig(
        final StreamEngineConfig engine, final MechanismFactory mechanisms, final TransportOptions options)
    {
        this.engine = engine;
        this.mechanisms = mechanisms;
        this.options = options.copy();
    }

    /** This configuration's own transport options (a snapshot; changing them affects only this configuration). */
    public TransportOptions options()
    {
        return options;
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

    /** @return true if the connection's pipes conflate. */
    public boolean isConflating()
    {
        return conflate;
    }

    /** LINGER: how long a closed socket's queued messages may still be written; negative = until written. */
    public ConnectionConfig linger(final long nanos)
    {
        this.linger = new Linger(nanos);
        return this;
    }

    /** LINGER as the socket holds it: the value in force when the socket closes applies (libzmq's semantics). */
    public ConnectionConfig linger(final Linger socketLinger)
    {
        this.linger = socketLinger;
        return this;
    }

    /** STREAM sockets: raw bytes, no ZMTP. */
    public ConnectionConfig raw(final boolean raw)
    {
        this.raw = raw;
        return this;
    }

    /** @return the ZMTP engine's configuration for every connection made with this one. */
    public StreamEngineConfig engine()
    {
        return engine;
    }

    /** @return what makes each connection's security mechanism. */
    public MechanismFactory mechanisms()
    {
        return mechanisms;
    }

    /** @return SNDHWM in messages; 0 = no limit. */
    public int sndHwm()
    {
        return sndHwm;
    }

    /** @return RCVHWM in messages; 0 = no limit. */
    public int rcvHwm()
    {
        return rcvHwm;
    }

    /** @return LINGER in nanoseconds; negative = until written. */
    public long lingerNs()
    {
        return linger.nanos();
    }

    /** @return true for STREAM sockets: raw bytes, no ZMTP. */
    public boolean isRaw()
    {
        return raw;
    }

    /** RECONNECT_IVL in nanoseconds; negative = never reconnect. */
    public long reconnectIvlNs()
    {
        return options.reconnectIvlMs() < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(options.reconnectIvlMs());
    }

    /** RECONNECT_IVL_MAX in nanoseconds; 0 = no back-off. */
    public long reconnectIvlMaxNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(options.reconnectIvlMaxMs());
    }

    /** CONNECT_TIMEOUT in nanoseconds; 0 = the operating system's. */
    public long connectTimeoutNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(options.connectTimeoutMs());
    }
}
