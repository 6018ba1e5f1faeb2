package io.ringmq.crypto;

/**
 * What a server-side mechanism needs to ask ZAP about one connection: the client to ask through, the socket's
 * ZAP_DOMAIN and ZAP_ENFORCE_DOMAIN, and the peer's address and routing id as libzmq puts them in the request.
 */
public final class ZapSettings
{
    final ZapClient client;
    final String domain;
    final String address;
    final byte[] routingId;
    final boolean enforceDomain;

    /**
     * @param client        the ZAP client of this connection.
     * @param domain        ZAP_DOMAIN, empty if unset.
     * @param address       the peer's IP address as text (libzmq sends the address without the port).
     * @param routingId     this socket's ROUTING_ID, empty if unset.
     * @param enforceDomain ZAP_ENFORCE_DOMAIN: fail the handshake when no handler is bound.
     */
    public ZapSettings(
        final ZapClient client,
        final String domain,
        final String address,
        final byte[] routingId,
        final boolean enforceDomain)
    {
        if (client == null)
        {
            throw new IllegalArgumentException("a ZapClient is required");
        }
        this.client = client;
        this.domain = domain == null ? "" : domain;
        this.address = address == null ? "" : address;
        this.routingId = routingId == null ? new byte[0] : routingId.clone();
        this.enforceDomain = enforceDomain;
    }
}
