package io.ringmq.engine;

import org.agrona.DirectBuffer;

/** DEALER: load-balances what it sends, fair-queues what it receives; no envelope handling. */
final class DealerPattern extends Pattern
{
    final LoadBalancer lb = new LoadBalancer(this);
    final FairQueue fq = new FairQueue(this);

    DealerPattern(final Socket socket)
    {
        super(socket);
    }

    @Override
    boolean attach(final Link link)
    {
        lb.attach(link);
        fq.attach(link);
        return true;
    }

    @Override
    void detach(final Link link)
    {
        lb.detach(link);
        fq.detach(link);
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        return lb.send(buffer, offset, length, more);
    }

    @Override
    int recv(final Frame frame)
    {
        return fq.recv(frame);
    }

    @Override
    boolean canSend()
    {
        return lb.isMidMessage() || lb.hasRoom();
    }

    @Override
    boolean canRecv()
    {
        return fq.hasMessage();
    }
}
