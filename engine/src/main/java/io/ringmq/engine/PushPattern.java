package io.ringmq.engine;

import org.agrona.DirectBuffer;

/** PUSH: load-balances messages over its peers; blocks (or would-block) when every peer is at its mark. */
final class PushPattern extends Pattern
{
    private final LoadBalancer lb = new LoadBalancer(this);

    PushPattern(final Socket socket)
    {
        super(socket);
    }

    @Override
    boolean attach(final Link link)
    {
        lb.attach(link);
        return true;
    }

    @Override
    void detach(final Link link)
    {
        lb.detach(link);
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        return lb.send(buffer, offset, length, more);
    }

    @Override
    int recv(final Frame frame)
    {
        throw new RingMqException("PUSH socket cannot receive (libzmq: ENOTSUP)");
    }

    @Override
    boolean canSend()
    {
        return lb.isMidMessage() || lb.hasRoom();
    }

    @Override
    boolean canRecv()
    {
        return false;
    }
}
