package io.ringmq.transports.connections;

import io.ringmq.transports.zmtp.Metadata;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;

/**
 * What is known of the peer at the other end of a connection once its handshake succeeded. Every message read
 * from the connection's pipe carries a reference to it (as the pipe's metadata), so a received message can
 * answer for its origin: Socket-Type, Routing-Id (Identity), Peer-Address; User-Id and ZAP properties arrive with
 * the security work.
 */
public final class PeerInfo
{
    private final SocketType socketType;
    private final byte[] identity;
    private final String peerAddress;
    private final String endpoint;
    private final ZmtpVersion version;
    private final String userId;
    private final java.util.Map<String, byte[]> zapProperties;

    /**
     * @param userId        the User-Id a ZAP handler returned, or null.
     * @param zapProperties metadata the ZAP handler returned, or an empty map.
     */
    public PeerInfo(
        final SocketType socketType,
        final byte[] identity,
        final String peerAddress,
        final String endpoint,
        final ZmtpVersion version,
        final String userId,
        final java.util.Map<String, byte[]> zapProperties)
    {
        this.userId = userId;
        this.zapProperties = zapProperties == null ? java.util.Map.of() : zapProperties;
        this.socketType = socketType;
        this.identity = identity;
        this.peerAddress = peerAddress;
        this.endpoint = endpoint;
        this.version = version;
    }

    /**
     * @return the socket type the peer announced.
     */
    public SocketType socketType()
    {
        return socketType;
    }

    /**
     * @return the Identity the peer announced (its ROUTING_ID), or null if it sent none; do not modify.
     */
    public byte[] identity()
    {
        return identity;
    }

    /**
     * @return the peer's address as libzmq's Peer-Address property gives it (IP without port for tcp).
     */
    public String peerAddress()
    {
        return peerAddress;
    }

    /**
     * @return the endpoint this connection was bound or connected through.
     */
    public String endpoint()
    {
        return endpoint;
    }

    public ZmtpVersion version()
    {
        return version;
    }

    /**
     * @return the User-Id ZAP gave this peer, or null.
     */
    public String userId()
    {
        return userId;
    }

    /**
     * @return the properties every message from this peer carries (zmq_msg_gets): Socket-Type, Peer-Address,
     * Routing-Id when the peer announced one, User-Id and the ZAP handler's metadata when ZAP answered.
     */
    public Metadata toMetadata()
    {
        final java.util.Map<String, String> properties = new java.util.HashMap<>();
        properties.put(Metadata.SOCKET_TYPE, socketType == null ? "" : socketType.name());
        properties.put(Metadata.PEER_ADDRESS, peerAddress);
        if (identity != null && identity.length > 0)
        {
            properties.put(Metadata.ROUTING_ID, new String(identity, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        zapProperties.forEach((name, value) ->
            properties.put(name, new String(value, java.nio.charset.StandardCharsets.UTF_8)));
        if (userId != null && !userId.isEmpty())
        {
            properties.put(Metadata.USER_ID, userId);
        }
        return Metadata.of(properties);
    }
}
