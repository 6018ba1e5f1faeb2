package io.ringmq.transports.zmtp;

/**
 * Why a stream engine gave up its connection. Each costs that one connection; the socket maps it to a monitor
 * event (handshake failed: protocol / auth / no detail, or disconnected).
 */
public enum EngineFailure
{
    /** Bytes that break ZMTP: bad greeting, bad frame, malformed command. */
    PROTOCOL,
    /** The peer's greeting names another mechanism than ours. */
    MECHANISM_MISMATCH,
    /** The mechanism refused the handshake: incompatible socket type, bad READY, a peer ERROR, bad credentials. */
    HANDSHAKE_REFUSED,
    /** The peer speaks a revision this side will not talk to (ZMTP 1.0, or 2.0 with security in force). */
    UNSUPPORTED_VERSION,
    /** The handshake did not finish within HANDSHAKE_IVL. */
    HANDSHAKE_TIMEOUT,
    /** No traffic from the peer within HEARTBEAT_TIMEOUT of a PING, or within the TTL the peer announced. */
    HEARTBEAT_TIMEOUT;

    /**
     * @return true for failures before the handshake completed (libzmq reports those as handshake failures,
     * not disconnections).
     */
    public boolean isHandshakeFailure()
    {
        return this != HEARTBEAT_TIMEOUT;
    }
}
