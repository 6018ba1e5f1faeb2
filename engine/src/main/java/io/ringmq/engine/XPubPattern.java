package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * PUB and XPUB, as libzmq's xpub_t. Subscriptions arrive upstream as messages whose first byte is 1 (subscribe) or
 * 0 (cancel) followed by the prefix; they fill a {@link SubscriptionTrie} of links. A message goes to every link
 * with a prefix of its first frame subscribed; a link at its mark misses the message (PUB never blocks). XPUB also
 * hands subscriptions to the application: new prefixes only, or every subscribe with XPUB_VERBOSE, or all of them
 * and nothing applied automatically with XPUB_MANUAL (the application then subscribes the last peer with
 * SUBSCRIBE/UNSUBSCRIBE).
 */
final class XPubPattern extends Pattern
{
    /** A frame waiting for the application's recv (XPUB only). */
    private static final class Pending
    {
        final byte[] data;
        final boolean more;
        final Link link;
        final Object metadata;

        Pending(final byte[] data, final boolean more, final Link link)
        {
            this.data = data;
            this.more = more;
            this.link = link;
            this.metadata = null == link ? null : link.end.readMetadata();
        }
    }

    private final boolean xpub;
    private final SubscriptionTrie<Link> subscriptions = new SubscriptionTrie<>();
    private final ArrayList<Link> links = new ArrayList<>();
    private final ArrayList<Link> matched = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final UnsafeBuffer upstream = new UnsafeBuffer(0, 0);
    private final ArrayList<Link> candidates = new ArrayList<>();
    private final SubscriptionTrie.Visitor<Link> collectMatched = this::collectMatched;
    private final SubscriptionTrie.Visitor<Link> stampMatched = this::stampMatched;
    private long stamp;
    private boolean sending;
    private Link lastPipe;

    XPubPattern(final Socket socket)
    {
        super(socket);
        xpub = socket.type() == SocketType.XPUB;
    }

    @Override
    boolean attach(final Link link)
    {
        links.add(link);
        final byte[] welcome = options.xpubWelcome;
        if (null != welcome && Pipe.CLAIMED == link.end.tryClaim())
        {
            link.end.append(welcome, 0, welcome.length);
            link.end.publish();
        }
        return true;
    }

    @Override
    void detach(final Link link)
    {
        if (links.remove(link))
        {
            // The peer's subscriptions die with it; XPUB tells the application about prefixes nobody wants now.
            subscriptions.removeAll(link, prefix ->
            {
                if (xpub && !options.xpubManual)
                {
                    final byte[] cancel = new byte[prefix.length + 1];
                    System.arraycopy(prefix, 0, cancel, 1, prefix.length);
                    pending.add(new Pending(cancel, false, null));
                }
            }, options.xpubVerboseUnsubscribe);
        }
        matched.remove(link);
        candidates.remove(link);
        if (lastPipe == link)
        {
            lastPipe = null;
        }
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (!sending)
        {
            processUpstream();
            stamp++;
            final ArrayList<Link> candidates = this.candidates;
            candidates.clear();
            if (options.invertMatching)
            {
                // INVERT_MATCHING: every link that matched nothing gets the message.
                subscriptions.match(buffer, offset, length, stampMatched);
                for (int i = 0, size = links.size(); i < size; i++)
                {
                    final Link link = links.get(i);
                    if (link.matchStamp != stamp)
                    {
                        candidates.add(link);
                    }
                }
            }
            else
            {
                subscriptions.match(buffer, offset, length, collectMatched);
            }
            if (options.xpubNoDrop)
            {
                // XPUB_NODROP: all matching subscribers take it, or nobody does and the sender waits.
                for (int i = 0, size = candidates.size(); i < size; i++)
                {
                    final Link link = candidates.get(i);
                    if (!link.end.isWritable() && !link.end.isPeerClosed())
                    {
                        return Status.WOULD_BLOCK;
                    }
                }
            }
            for (int i = 0, size = candidates.size(); i < size; i++)
            {
                final Link link = candidates.get(i);
                // A full link misses the message: PUB's mute state (counted, where libzmq drops silently).
                if (Pipe.CLAIMED == link.end.tryClaim())
                {
                    matched.add(link);
                }
                else if (!link.end.isPeerClosed())
                {
                    socket.droppedAtHwm();
                }
            }
            sending = true;
        }
        final ArrayList<Link> matched = this.matched;
        for (int i = 0, size = matched.size(); i < size; i++)
        {
            matched.get(i).end.append(buffer, offset, length);
        }
        if (!more)
        {
            for (int i = 0, size = matched.size(); i < size; i++)
            {
                matched.get(i).end.publish();
            }
            matched.clear();
            sending = false;
        }
        return Status.OK;
    }

    private void collectMatched(final Link link)
    {
        // A link subscribed to several prefixes of the message gets it once.
        if (link.matchStamp != stamp)
        {
            link.matchStamp = stamp;
            candidates.add(link);
        }
    }

    private void stampMatched(final Link link)
    {
        link.matchStamp = stamp;
    }

    @Override
    int recv(final Frame frame)
    {
        if (!xpub)
        {
            throw new RingMqException("PUB socket cannot receive (libzmq: ENOTSUP)");
        }
        processUpstream();
        final Pending next = pending.poll();
        if (null == next)
        {
            return Status.WOULD_BLOCK;
        }
        frame.view.wrap(next.data);
        frame.more = next.more;
        frame.metadata = next.metadata;
        if (null != next.link)
        {
            lastPipe = next.link;
        }
        return Status.OK;
    }

    /** Reads everything the subscribers sent: subscriptions, and for XPUB user messages going upstream. */
    private void processUpstream()
    {
        for (int i = 0; i < links.size(); i++)
        {
            final Link link = links.get(i);
            int frames;
            while ((frames = link.end.beginRead()) > 0)
            {
                boolean more = link.end.nextFrame(upstream) > 0;
                final int length = upstream.capacity();
                final byte first = length > 0 ? upstream.getByte(0) : -1;
                if (first == 0 || first == 1)
                {
                    subscription(link, first == 1, frames);
                    link.end.skipRest();
                }
                else if (xpub)
                {
                    pending.add(new Pending(copy(upstream), more, link));
                    while (more)
                    {
                        more = link.end.nextFrame(upstream) > 0;
                        pending.add(new Pending(copy(upstream), more, link));
                    }
                }
                else
                {
                    link.end.skipRest();
                }
            }
            if (link.isGone())
            {
                linkGone(link);
                i--;
            }
        }
    }

    private void subscription(final Link link, final boolean subscribe, final int frames)
    {
        // Limits against hostile subscribers (ringmq extensions), checked before the topic is copied.
        if (subscribe && options.maxTopicLength > 0 && upstream.capacity() - 1 > options.maxTopicLength)
        {
            refuse(link, MonitorEvent.LIMIT_TOPIC_LENGTH, "subscription topic longer than MAX_TOPIC_LENGTH");
            return;
        }
        final byte[] message = copy(upstream);
        if (options.xpubManual)
        {
            pending.add(new Pending(message, false, link));
            return;
        }
        final boolean notify;
        if (subscribe)
        {
            final boolean added = subscriptions.add(message, 1, message.length - 1, link);
            if (added && options.maxSubscriptions > 0 && subscriptions.size() > options.maxSubscriptions)
            {
                subscriptions.remove(message, 1, message.length - 1, link);
                refuse(link, MonitorEvent.LIMIT_SUBSCRIPTIONS, "more subscriptions than MAX_SUBSCRIPTIONS");
                return;
            }
            notify = added || options.xpubVerbose;
        }
        else
        {
            notify =
                subscriptions.remove(message, 1, message.length - 1, link) != SubscriptionTrie.Removal.VALUES_REMAIN ||
                options.xpubVerboseUnsubscribe;
        }
        if (xpub && notify)
        {
            pending.add(new Pending(message, false, link));
        }
    }

    private void refuse(final Link link, final int limit, final String reason)
    {
        socket.monitor.event(MonitorEvent.LIMIT_REFUSED, limit, link.endpoint, reason);
    }

    private static byte[] copy(final DirectBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    @Override
    void option(final SocketOption<?> option, final Object value)
    {
        if (option == SocketOption.SUBSCRIBE || option == SocketOption.UNSUBSCRIBE)
        {
            if (!options.xpubManual)
            {
                throw new RingMqException(option + " on an XPUB socket needs XPUB_MANUAL (EINVAL)");
            }
            if (null == lastPipe)
            {
                return;
            }
            final byte[] topic = (byte[])value;
            if (option == SocketOption.SUBSCRIBE)
            {
                subscriptions.add(topic, 0, topic.length, lastPipe);
            }
            else
            {
                subscriptions.remove(topic, 0, topic.length, lastPipe);
            }
        }
    }

    @Override
    boolean canSend()
    {
        return true;
    }

    @Override
    boolean canRecv()
    {
        if (!xpub)
        {
            return false;
        }
        processUpstream();
        return !pending.isEmpty();
    }

    /** @return prefixes with at least one subscriber (for tests). */
    int subscriptionCount()
    {
        processUpstream();
        return subscriptions.size();
    }
}
