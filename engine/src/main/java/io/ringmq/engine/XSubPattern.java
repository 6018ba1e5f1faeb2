package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;

/**
 * SUB and XSUB, as libzmq's xsub_t. Subscriptions are reference-counted in a {@link SubscriptionTrie}, sent upstream
 * to every publisher (every subscribe, so that XPUB_VERBOSE works through proxies; a cancel only when the last
 * subscription to its prefix goes) and replayed to publishers that connect later. Received messages are filtered on
 * their first frame, because a publisher may still be sending what was subscribed before a cancel arrived. XSUB
 * sends subscriptions as raw messages ({@code 1} or {@code 0} then the prefix) and passes other messages upstream;
 * SUB takes them as the SUBSCRIBE and UNSUBSCRIBE options.
 */
final class XSubPattern extends Pattern
{
    private final boolean xsub;
    private final SubscriptionTrie<Void> subscriptions = new SubscriptionTrie<>();
    private final ArrayList<Link> links = new ArrayList<>();
    private final ArrayList<Link> claimed = new ArrayList<>();
    private final FairQueue fq = new FairQueue(this);
    private final UnsafeBuffer scratch = new UnsafeBuffer(0, 0);
    private boolean prefetched;
    private boolean receivingMore;
    private boolean sendingUpstream;
    private boolean droppingUpstream;

    XSubPattern(final Socket socket)
    {
        super(socket);
        xsub = socket.type() == SocketType.XSUB;
    }

    @Override
    boolean attach(final Link link)
    {
        links.add(link);
        fq.attach(link);
        subscriptions.forEachPrefix((prefix, count) ->
        {
            final byte[] message = new byte[prefix.length + 1];
            message[0] = 1;
            System.arraycopy(prefix, 0, message, 1, prefix.length);
            if (Pipe.CLAIMED == link.end.tryClaim())
            {
                link.end.append(message, 0, message.length);
                link.end.publish();
            }
        });
        return true;
    }

    @Override
    void detach(final Link link)
    {
        links.remove(link);
        claimed.remove(link);
        fq.detach(link);
    }

    @Override
    void reconnected(final Link link)
    {
        // The new publisher knows none of our subscriptions: attaching again replays them.
        detach(link);
        attach(link);
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (!xsub)
        {
            throw new RingMqException(
                "SUB socket cannot send (libzmq: ENOTSUP); subscribe with SocketOption.SUBSCRIBE");
        }
        if (!sendingUpstream)
        {
            final byte first = length > 0 ? buffer.getByte(offset) : -1;
            if (first == 0 || first == 1)
            {
                final byte[] prefix = new byte[length - 1];
                buffer.getBytes(offset + 1, prefix);
                // Frames after a subscription frame, if any, are dropped.
                droppingUpstream = more;
                sendingUpstream = more;
                if (first == 1)
                {
                    subscriptions.add(prefix, 0, prefix.length);
                    toAll(buffer, offset, length);
                }
                else if (subscriptions.remove(prefix, 0, prefix.length))
                {
                    toAll(buffer, offset, length);
                }
                return Status.OK;
            }
            sendingUpstream = true;
            droppingUpstream = false;
            for (int i = 0, size = links.size(); i < size; i++)
            {
                final Link link = links.get(i);
                if (Pipe.CLAIMED == link.end.tryClaim())
                {
                    claimed.add(link);
                }
            }
        }
        if (!droppingUpstream)
        {
            for (int i = 0, size = claimed.size(); i < size; i++)
            {
                claimed.get(i).end.append(buffer, offset, length);
            }
        }
        if (!more)
        {
            if (!droppingUpstream)
            {
                for (int i = 0, size = claimed.size(); i < size; i++)
                {
                    claimed.get(i).end.publish();
                }
            }
            claimed.clear();
            sendingUpstream = false;
            droppingUpstream = false;
        }
        return Status.OK;
    }

    /** Sends a one-frame message to every publisher with room; one at its mark misses it, as libzmq's dist_t. */
    private void toAll(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0, size = links.size(); i < size; i++)
        {
            final Link link = links.get(i);
            if (Pipe.CLAIMED == link.end.tryClaim())
            {
                link.end.append(buffer, offset, length);
                link.end.publish();
            }
        }
    }

    @Override
    void option(final SocketOption<?> option, final Object value)
    {
        if (option == SocketOption.SUBSCRIBE || option == SocketOption.UNSUBSCRIBE)
        {
            final byte[] topic = (byte[])value;
            final byte[] message = new byte[topic.length + 1];
            message[0] = (byte)(option == SocketOption.SUBSCRIBE ? 1 : 0);
            System.arraycopy(topic, 0, message, 1, topic.length);
            if (sendingUpstream)
            {
                throw new RingMqException(option + " on a " + type() + " socket in the middle of a message (EFSM)");
            }
            scratch.wrap(message);
            // Same path as an XSUB sending the raw subscription.
            final byte first = message[0];
            if (first == 1)
            {
                subscriptions.add(topic, 0, topic.length);
                toAll(scratch, 0, message.length);
            }
            else if (subscriptions.remove(topic, 0, topic.length))
            {
                toAll(scratch, 0, message.length);
            }
        }
    }

    @Override
    int recv(final Frame frame)
    {
        if (prefetched)
        {
            prefetched = false;
            receivingMore = frame.more;
            return Status.OK;
        }
        return receive(frame);
    }

    private int receive(final Frame frame)
    {
        if (receivingMore)
        {
            fq.readFrame(frame);
            receivingMore = frame.more;
            return Status.OK;
        }
        while (null != fq.beginMessage())
        {
            fq.readFrame(frame);
            if (subscriptions.matches(frame.view, 0, frame.view.capacity()) != options.invertMatching)
            {
                receivingMore = frame.more;
                return Status.OK;
            }
            fq.skipRest();
        }
        return Status.WOULD_BLOCK;
    }

    @Override
    boolean canSend()
    {
        return xsub;
    }

    @Override
    boolean canRecv()
    {
        if (prefetched || receivingMore)
        {
            return true;
        }
        // Only a message that passes the filter counts: fetch it now, hand it over on the next recv.
        prefetched = Status.OK == receive(socket.frame);
        if (prefetched)
        {
            receivingMore = false;
        }
        return prefetched;
    }
}
