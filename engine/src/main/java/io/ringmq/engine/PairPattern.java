package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;

/** PAIR: exactly one peer; a second connection is refused, as libzmq's pair_t does. */
final class PairPattern extends Pattern
{
    private Link peer;
    private boolean sending;
    private boolean dropping;

    PairPattern(final Socket socket)
    {
        super(socket);
    }

    @Override
    boolean attach(final Link link)
    {
        if (null != peer)
        {
            return false;
        }
        peer = link;
        return true;
    }

    @Override
    void detach(final Link link)
    {
        if (peer == link)
        {
            peer = null;
            // Mid-message: drop the remaining frames rather than start a new peer's stream with them.
            dropping = sending;
            sending = false;
        }
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (dropping)
        {
            dropping = more;
            return Status.OK;
        }
        final Link link = peer;
        if (null == link)
        {
            return Status.WOULD_BLOCK;
        }
        if (!sending)
        {
            final int result = link.end.tryClaim();
            if (Pipe.CLAIMED != result)
            {
                if (Pipe.CLOSED == result && link.isGone())
                {
                    linkGone(link);
                }
                return Status.WOULD_BLOCK;
            }
            sending = true;
        }
        link.end.append(buffer, offset, length);
        if (!more)
        {
            link.end.publish();
            sending = false;
        }
        return Status.OK;
    }

    @Override
    int recv(final Frame frame)
    {
        final Link link = peer;
        if (null == link)
        {
            return Status.WOULD_BLOCK;
        }
        if (link.end.framesLeft() == 0 && link.end.beginRead() == 0)
        {
            if (link.isGone())
            {
                linkGone(link);
            }
            return Status.WOULD_BLOCK;
        }
        frame.metadata = link.end.readMetadata();
        frame.more = link.end.nextFrame(frame.view) > 0;
        return Status.OK;
    }

    @Override
    boolean canSend()
    {
        return null != peer && (sending || peer.end.isWritable());
    }

    @Override
    boolean canRecv()
    {
        return null != peer && (peer.end.framesLeft() > 0 || peer.end.hasMessage());
    }
}
