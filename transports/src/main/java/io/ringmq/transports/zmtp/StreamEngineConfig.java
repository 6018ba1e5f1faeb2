package io.ringmq.transports.zmtp;

import org.agrona.concurrent.status.AtomicCounter;
import io.ringmq.codecs.SocketType;

import java.util.concurrent.TimeUnit;

/**
 * The socket options a stream engine obeys, in nanoseconds where they are durations. Immutable once given
 * to an engine.
 */
public final class StreamEngineConfig
{
    /** libzmq's default HANDSHAKE_IVL: 30 s. */
    public static final long DEFAULT_HANDSHAKE_IVL_NS = TimeUnit.SECONDS.toNanos(30);

    /** The default for {@link #maxHandshakeCommandSize}: 64 KiB, far above any real READY or INITIATE. */
    public static final int DEFAULT_MAX_HANDSHAKE_COMMAND_SIZE = 64 * 1024;

    final SocketType socketType;
    long maxMessageSize = -1;
    int maxHandshakeCommandSize = DEFAULT_MAX_HANDSHAKE_COMMAND_SIZE;
    long handshakeIvlNs = DEFAULT_HANDSHAKE_IVL_NS;
    long heartbeatIvlNs;
    long heartbeatTtlNs;
    long heartbeatTimeoutNs = -1;
    boolean securityInForce;
    byte[] routingId = new byte[0];
    /** Message bytes sealed and opened under an encrypting mechanism (CURVE); null when nobody counts them. */
    AtomicCounter bytesEncrypted;
    AtomicCounter bytesDecrypted;

    public StreamEngineConfig(final SocketType socketType)
    {
        this.socketType = socketType;
    }

    /** @return the socket type this engine announces in READY and checks the peer's against. */
    public SocketType socketType()
    {
        return socketType;
    }

    /**
     * Counts the plaintext bytes each engine of this config boxes and unboxes (CURVE); the engines of one socket
     * may run on several I/O threads, so they add atomically, once per frame.
     */
    public StreamEngineConfig cryptoCounters(final AtomicCounter encrypted, final AtomicCounter decrypted)
    {
        this.bytesEncrypted = encrypted;
        this.bytesDecrypted = decrypted;
        return this;
    }

    /**
     * @param bytes MAXMSGSIZE: the largest frame accepted; negative for no limit.
     */
    public StreamEngineConfig maxMessageSize(final long bytes)
    {
        maxMessageSize = bytes;
        return this;
    }

    /**
     * @param bytes the largest frame accepted before the handshake has completed (a ringmq extension: libzmq bounds
     *              handshake commands only by MAXMSGSIZE); a larger one fails the handshake as a protocol error.
     */
    public StreamEngineConfig maxHandshakeCommandSize(final int bytes)
    {
        if (bytes <= 0)
        {
            throw new IllegalArgumentException("handshake command limit must be positive: " + bytes);
        }
        maxHandshakeCommandSize = bytes;
        return this;
    }

    /**
     * @return the frame limit while the handshake runs: the handshake command limit, or MAXMSGSIZE if smaller.
     */
    long handshakeFrameLimit()
    {
        return maxMessageSize >= 0 ? Math.min(maxMessageSize, maxHandshakeCommandSize) : maxHandshakeCommandSize;
    }

    /**
     * @param nanos HANDSHAKE_IVL; 0 disables the deadline.
     */
    public StreamEngineConfig handshakeIvl(final long nanos)
    {
        handshakeIvlNs = nanos;
        return this;
    }

    /**
     * @param nanos HEARTBEAT_IVL: send a PING after this long; 0 disables heartbeats.
     */
    public StreamEngineConfig heartbeatIvl(final long nanos)
    {
        heartbeatIvlNs = nanos;
        return this;
    }

    /**
     * @param nanos HEARTBEAT_TTL: announced to the peer in each PING, rounded down to deciseconds.
     */
    public StreamEngineConfig heartbeatTtl(final long nanos)
    {
        heartbeatTtlNs = nanos;
        return this;
    }

    /**
     * @param nanos HEARTBEAT_TIMEOUT: how long after a PING without any traffic the connection is dead;
     *              negative means HEARTBEAT_IVL, as libzmq defaults it.
     */
    public StreamEngineConfig heartbeatTimeout(final long nanos)
    {
        heartbeatTimeoutNs = nanos;
        return this;
    }

    /**
     * @param inForce true when a mechanism other than NULL, or a ZAP domain, is configured: pre-3.0 peers,
     *                which have no mechanism, are then refused (CVE-2014-7202).
     */
    public StreamEngineConfig securityInForce(final boolean inForce)
    {
        securityInForce = inForce;
        return this;
    }

    /**
     * @param routingId ROUTING_ID, sent as the identity message to ZMTP 2.0 peers (READY carries it to 3.x).
     */
    public StreamEngineConfig routingId(final byte[] routingId)
    {
        this.routingId = routingId == null ? new byte[0] : routingId.clone();
        return this;
    }

    long effectiveHeartbeatTimeoutNs()
    {
        return heartbeatTimeoutNs < 0 ? heartbeatIvlNs : heartbeatTimeoutNs;
    }
}
