package io.ringmq.engine;

import org.agrona.DirectBuffer;

/** PULL: fair-queues messages from its peers. */
final class PullPattern extends Pattern
{
    private final FairQueue fq = new FairQueue(this);

    PullPattern(final Socket socket)
    {
        super(socket);
    }

    @Override
    boolean attach(final Link link)
    {
        fq.attach(link);
        return true;
    }

    @Override
    void detach(final Link link)
    {
        fq.detach(link);
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        throw new RingMqException("PULL socket cannot send (libzmq: ENOTSUP)");
    }

    @Override
    int recv(final Frame frame)
    {
        return fq.recv(frame);
    }

    @Override
    boolean canSend()
    {
        return false;
    }

    @Override
    boolean canRecv()
    {
        return fq.hasMessage();
    }
}
