package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * REP, as libzmq's rep_t: strictly alternates receive and send. A request's envelope (every frame up to and
 * including the empty delimiter) is kept and put back in front of the reply, which goes to the peer the request came
 * from. Requests without a delimiter are dropped. A reply to a peer that has gone or is at its mark is dropped, as
 * libzmq's router does.
 */
final class RepPattern extends Pattern
{
    private final FairQueue fq = new FairQueue(this);
    private final ExpandableArrayBuffer envelope = new ExpandableArrayBuffer(64);
    private int[] envelopeLengths = new int[4];
    private int envelopeFrames;
    private boolean requestBegun;
    private boolean sendingReply;
    private boolean replyBegun;
    private boolean dropping;
    private Link replyLink;

    RepPattern(final Socket socket)
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
        if (replyLink == link)
        {
            replyLink = null;
            if (replyBegun)
            {
                dropping = true;
            }
        }
    }

    @Override
    int recv(final Frame frame)
    {
        if (sendingReply)
        {
            return Status.WRONG_STATE;
        }
        while (!requestBegun)
        {
            final Link link = fq.beginMessage();
            if (null == link)
            {
                return Status.WOULD_BLOCK;
            }
            envelopeFrames = 0;
            int envelopeLength = 0;
            while (true)
            {
                fq.readFrame(frame);
                if (!frame.more)
                {
                    break; // no delimiter followed by a body: malformed, dropped
                }
                final int length = frame.view.capacity();
                envelope.putBytes(envelopeLength, frame.view, 0, length);
                envelopeLength += length;
                if (envelopeFrames == envelopeLengths.length)
                {
                    envelopeLengths = java.util.Arrays.copyOf(envelopeLengths, envelopeFrames * 2);
                }
                envelopeLengths[envelopeFrames++] = length;
                if (length == 0)
                {
                    replyLink = link;
                    requestBegun = true;
                    break;
                }
            }
        }
        fq.readFrame(frame);
        if (!frame.more)
        {
            requestBegun = false;
            sendingReply = true;
        }
        return Status.OK;
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (!sendingReply)
        {
            return Status.WRONG_STATE;
        }
        if (!replyBegun)
        {
            replyBegun = true;
            dropping = null == replyLink || Pipe.CLAIMED != replyLink.end.tryClaim();
            if (!dropping)
            {
                for (int i = 0, position = 0; i < envelopeFrames; i++)
                {
                    replyLink.end.append(envelope, position, envelopeLengths[i]);
                    position += envelopeLengths[i];
                }
            }
        }
        if (!dropping)
        {
            replyLink.end.append(buffer, offset, length);
        }
        if (!more)
        {
            if (!dropping)
            {
                replyLink.end.publish();
            }
            replyBegun = false;
            sendingReply = false;
            dropping = false;
            replyLink = null;
        }
        return Status.OK;
    }

    @Override
    boolean canSend()
    {
        return sendingReply;
    }

    @Override
    boolean canRecv()
    {
        return !sendingReply && fq.hasMessage();
    }

    @Override
    String state()
    {
        if (replyBegun)
        {
            return "sending a reply";
        }
        return sendingReply ? "owing a reply" : "awaiting a request";
    }
}
