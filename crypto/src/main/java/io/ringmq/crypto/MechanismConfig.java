package io.ringmq.crypto;

import io.ringmq.codecs.SocketType;

/**
 * What a mechanism needs to know of its own socket: its type (announced in READY and checked against the
 * peer's) and its routing id (sent as Identity by REQ, DEALER and ROUTER, as libzmq does).
 */
public final class MechanismConfig
{
    private final SocketType socketType;
    private final byte[] routingId;

    /**
     * @param routingId the ROUTING_ID option, empty when unset.
     */
    public MechanismConfig(final SocketType socketType, final byte[] routingId)
    {
        this.socketType = socketType;
        this.routingId = routingId == null ? new byte[0] : routingId.clone();
    }

    public SocketType socketType()
    {
        return socketType;
    }

    /**
     * @return true if this socket type sends an Identity property in READY.
     */
    public boolean sendsIdentity()
    {
        return socketType == SocketType.REQ || socketType == SocketType.DEALER || socketType == SocketType.ROUTER;
    }

    byte[] routingId()
    {
        return routingId;
    }
}
