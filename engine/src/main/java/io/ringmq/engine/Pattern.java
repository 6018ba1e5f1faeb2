package io.ringmq.engine;

import org.agrona.DirectBuffer;

/**
 * A socket type's routing strategy, run on the socket's thread: which link a frame goes to, which link the next
 * frame comes from, and the state machine. Methods never block; the {@link Socket} waits and retries.
 */
abstract class Pattern
{
    final Socket socket;
    final Options options;

    Pattern(final Socket socket)
    {
        this.socket = socket;
        this.options = socket.options;
    }

    SocketType type()
    {
        return socket.type();
    }

    /**
     * Takes a new link into the pattern.
     *
     * @return false to refuse it (PAIR's second peer, a duplicate routing id); the socket then closes it.
     */
    abstract boolean attach(Link link);

    /** Forgets a link; idempotent. */
    abstract void detach(Link link);

    /** @return a {@link Status}. */
    abstract int send(DirectBuffer buffer, int offset, int length, boolean more);

    /** @return a {@link Status}; on OK the frame is in {@code frame}. */
    abstract int recv(Frame frame);

    /** @return true if a send of a new message would not block now (the poller's POLLOUT). */
    abstract boolean canSend();

    /** @return true if a receive would not block now (the poller's POLLIN). */
    abstract boolean canRecv();

    /** Called by strategies when a link's peer closed and everything it sent was read. */
    final void linkGone(final Link link)
    {
        socket.links.detach(link);
    }

    /** @return the state-machine state, for error messages. */
    String state()
    {
        return "ready";
    }

    /** Applies a pattern-specific option (SUBSCRIBE on SUB, ...); the socket has checked it applies. */
    void option(final SocketOption<?> option, final Object value)
    {
    }

    /**
     * A tcp connection behind an attached link was made again: the peer at the other end starts from nothing. SUB
     * and XSUB replay their subscriptions to it (libzmq's hiccup); other patterns carry on.
     */
    void reconnected(final Link link)
    {
    }

    /**
     * @return true if a peer already has this routing id, so CONNECT_ROUTING_ID cannot give it to another
     * (ROUTER and STREAM; other patterns route by no id).
     */
    boolean hasPeer(final byte[] routingId)
    {
        return false;
    }

    /**
     * @return true if a connection is of no use to this pattern before its handshake, so a tcp or ipc connect
     * makes no pipe in advance for messages to wait in: ROUTER and STREAM route by the peer's routing id, known
     * only then.
     */
    boolean waitsForHandshake()
    {
        return false;
    }

    static Pattern create(final Socket socket)
    {
        switch (socket.type())
        {
            case PAIR:
                return new PairPattern(socket);
            case PUSH:
                return new PushPattern(socket);
            case PULL:
                return new PullPattern(socket);
            case REQ:
                return new ReqPattern(socket);
            case REP:
                return new RepPattern(socket);
            case DEALER:
                return new DealerPattern(socket);
            case ROUTER:
            case STREAM:
                return new RouterPattern(socket);
            case PUB:
            case XPUB:
                return new XPubPattern(socket);
            case SUB:
            case XSUB:
                return new XSubPattern(socket);
            default:
                throw new RingMqException(socket.type() + " sockets are not built yet");
        }
    }
}
