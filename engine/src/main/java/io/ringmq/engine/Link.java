package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A socket's side of one connection: its end of the {@link Pipe} plus what the patterns need to know about the peer.
 * Owned by the socket's thread.
 */
final class Link
{
    final Pipe.End end;
    /** The endpoint this link came from, for unbind/disconnect. */
    final String endpoint;
    /** True on the connecting side, which is the side {@code disconnect} closes. */
    final boolean connected;
    /** The ROUTING_ID the peer announced (empty if none). */
    final byte[] peerRoutingId;
    /** CONNECT_ROUTING_ID: the id a connecting ROUTER gives this peer, overriding what it announces. */
    byte[] assignedRoutingId;
    /** The routing id a ROUTER assigned to this peer. */
    byte[] routingId;
    final UnsafeBuffer routingIdView = new UnsafeBuffer(0, 0);
    /** Stamp used to collect each link once while matching a message against the subscription trie. */
    long matchStamp;
    boolean attached;

    Link(final Pipe.End end, final String endpoint, final boolean connected, final byte[] peerRoutingId)
    {
        this.end = end;
        this.endpoint = endpoint;
        this.connected = connected;
        this.peerRoutingId = peerRoutingId;
        end.attachment(this);
    }

    void routingId(final byte[] id)
    {
        routingId = id;
        routingIdView.wrap(id);
    }

    /** @return true once the peer closed and everything it sent has been read. */
    boolean isGone()
    {
        return end.isDrainedAndPeerClosed();
    }
}
