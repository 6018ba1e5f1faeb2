package io.ringmq.engine;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * REQ, as libzmq's req_t: strictly alternates send and receive. A request goes to the next peer round-robin,
 * prefixed with an empty delimiter frame (and, with REQ_CORRELATE, a 4-byte request id before it); only a reply from
 * the peer the request went to, carrying that envelope, is accepted — anything else is silently dropped.
 */
final class ReqPattern extends Pattern
{
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final LoadBalancer lb = new LoadBalancer(this);
    private final FairQueue fq = new FairQueue(this);
    private final UnsafeBuffer requestIdFrame = new UnsafeBuffer(new byte[4]);
    private int requestId = ThreadLocalRandom.current().nextInt();
    private boolean receivingReply;
    private boolean requestBegun;
    private boolean replyBegun;
    private Link replyLink;

    ReqPattern(final Socket socket)
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
        if (replyLink == link)
        {
            replyLink = null;
        }
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (receivingReply)
        {
            if (!options.reqRelaxed)
            {
                return Status.WRONG_STATE;
            }
            // REQ_RELAXED: give up on the outstanding reply; a late one from elsewhere will not match.
            receivingReply = false;
            if (replyBegun)
            {
                fq.skipRest();
                replyBegun = false;
            }
        }
        if (!requestBegun)
        {
            final Link link = lb.claim();
            if (null == link)
            {
                return Status.WOULD_BLOCK;
            }
            if (options.reqCorrelate)
            {
                requestIdFrame.putInt(0, ++requestId);
                link.end.append(requestIdFrame, 0, 4);
            }
            link.end.append(EMPTY, 0, 0);
            replyLink = link;
            requestBegun = true;
        }
        lb.send(buffer, offset, length, more);
        if (!more)
        {
            requestBegun = false;
            receivingReply = true;
            socket.latencyTracking.requestSent();
        }
        return Status.OK;
    }

    @Override
    int recv(final Frame frame)
    {
        if (!receivingReply)
        {
            return Status.WRONG_STATE;
        }
        while (!replyBegun)
        {
            final Link link = fq.beginMessage();
            if (null == link)
            {
                return Status.WOULD_BLOCK;
            }
            if (link != replyLink)
            {
                fq.skipRest();
                continue;
            }
            if (options.reqCorrelate)
            {
                fq.readFrame(frame);
                if (!frame.more || frame.view.capacity() != 4 || frame.view.getInt(0) != requestId)
                {
                    fq.skipRest();
                    continue;
                }
            }
            fq.readFrame(frame);
            if (!frame.more || frame.view.capacity() != 0)
            {
                fq.skipRest();
                continue;
            }
            replyBegun = true;
        }
        fq.readFrame(frame);
        if (!frame.more)
        {
            replyBegun = false;
            receivingReply = false;
            replyLink = null;
            socket.latencyTracking.replyReceived();
        }
        return Status.OK;
    }

    @Override
    boolean canSend()
    {
        return (!receivingReply || options.reqRelaxed) && (requestBegun || lb.hasRoom());
    }

    @Override
    boolean canRecv()
    {
        return receivingReply && fq.hasMessage();
    }

    @Override
    String state()
    {
        if (requestBegun)
        {
            return "sending a request";
        }
        return receivingReply ? "awaiting a reply" : "ready to send a request";
    }
}
