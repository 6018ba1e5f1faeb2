package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;

import java.util.HashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ROUTER, as libzmq's router_t. Each peer gets a routing id: the ROUTING_ID it announced, or a generated one
 * (libzmq's form: a zero byte then a 32-bit big-endian counter starting at a random value). Received messages are
 * prefixed with the sender's id; the first frame of a sent message names the peer. Unknown ids and full peers drop
 * the message silently, unless ROUTER_MANDATORY, which reports {@link Status#UNROUTABLE} and
 * {@link Status#WOULD_BLOCK}. A peer announcing an id already in use is refused (no ROUTER_HANDOVER yet).
 */
final class RouterPattern extends Pattern
{
    private final FairQueue fq = new FairQueue(this);
    private final HashMap<RoutingId, Link> table = new HashMap<>();
    private final RoutingId lookup = new RoutingId();
    private int nextGeneratedId = ThreadLocalRandom.current().nextInt();
    private boolean sending;
    private boolean dropping;
    private Link sendLink;
    private boolean idDelivered;
    private final java.util.ArrayDeque<byte[]> notifications = new java.util.ArrayDeque<>();
    private boolean notifying;
    private static final int NOTIFY_CONNECT = 1;
    private static final int NOTIFY_DISCONNECT = 2;
    private static final byte[] NO_BYTES = new byte[0];

    /**
     * STREAM: raw TCP peers, generated ids, connect/disconnect notified (unless STREAM_NOTIFY is off), an empty
     * frame closes. A ROUTER with ROUTER_RAW behaves the same (see {@link #raw()}).
     */
    private final boolean stream;

    RouterPattern(final Socket socket)
    {
        super(socket);
        stream = socket.type() == SocketType.STREAM;
    }

    /** @return true for STREAM, and for a ROUTER with ROUTER_RAW, as libzmq's raw_socket. */
    private boolean raw()
    {
        return stream || options.routerRaw;
    }

    @Override
    boolean attach(final Link link)
    {
        byte[] id = raw() ? null : null != link.assignedRoutingId ? link.assignedRoutingId : link.peerRoutingId;
        if (null != id && id.length > 0)
        {
            final Link holder = table.get(new RoutingId(id));
            if (null != holder)
            {
                if (!options.routerHandover)
                {
                    return false;
                }
                // ROUTER_HANDOVER: the newcomer takes the id over; the old connection is closed.
                linkGone(holder);
            }
        }
        else
        {
            id = generateId();
        }
        link.routingId(id);
        table.put(new RoutingId(id), link);
        fq.attach(link);
        if (raw() ? options.streamNotify : (options.routerNotify & NOTIFY_CONNECT) != 0)
        {
            notifications.add(id);
        }
        return true;
    }

    private byte[] generateId()
    {
        final int value = nextGeneratedId++;
        return new byte[]{0, (byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value};
    }

    @Override
    void detach(final Link link)
    {
        if (null != link.routingId)
        {
            final RoutingId key = new RoutingId(link.routingId);
            if (table.get(key) == link)
            {
                table.remove(key);
                if (raw() ? options.streamNotify : (options.routerNotify & NOTIFY_DISCONNECT) != 0)
                {
                    notifications.add(link.routingId);
                }
            }
        }
        fq.detach(link);
        if (sendLink == link)
        {
            sendLink = null;
            dropping = true;
        }
    }

    @Override
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (!sending)
        {
            if (!more)
            {
                return Status.OK; // a lone routing id frame: nothing to route, libzmq drops it too
            }
            final Link link = lookup.set(buffer, offset, length) ? table.get(lookup) : null;
            final int claim = null == link ? Pipe.CLOSED : link.end.tryClaim();
            if (Pipe.CLAIMED != claim)
            {
                if (options.routerMandatory)
                {
                    return Pipe.FULL == claim ? Status.WOULD_BLOCK : Status.UNROUTABLE;
                }
                if (Pipe.FULL == claim)
                {
                    socket.droppedAtHwm();
                }
                dropping = true;
            }
            sending = true;
            sendLink = link;
            return Status.OK;
        }
        if (raw())
        {
            // One data frame per message, whatever MORE says; an empty one closes the connection.
            if (!dropping)
            {
                if (length == 0)
                {
                    sendLink.end.abandon();
                    linkGone(sendLink);
                }
                else
                {
                    sendLink.end.append(buffer, offset, length);
                    sendLink.end.publish();
                }
            }
            sending = false;
            dropping = false;
            sendLink = null;
            return Status.OK;
        }
        if (!dropping)
        {
            sendLink.end.append(buffer, offset, length);
        }
        if (!more)
        {
            if (!dropping)
            {
                sendLink.end.publish();
            }
            sending = false;
            dropping = false;
            sendLink = null;
        }
        return Status.OK;
    }

    @Override
    int recv(final Frame frame)
    {
        if (notifying)
        {
            // ROUTER_NOTIFY: the second frame of [routing id, empty].
            frame.view.wrap(NO_BYTES);
            frame.more = false;
            notifying = false;
            return Status.OK;
        }
        if (!idDelivered)
        {
            // Notifications queued so far come first (a peer's connect before its messages); looking for a message
            // may find peers gone and queue their disconnects, which are then delivered at once.
            final Link link = notifications.isEmpty() ? fq.beginMessage() : null;
            if (null == link)
            {
                if (notifications.isEmpty())
                {
                    return Status.WOULD_BLOCK;
                }
                frame.view.wrap(notifications.poll());
                frame.metadata = null;
                frame.more = true;
                notifying = true;
                return Status.OK;
            }
            frame.view.wrap(link.routingIdView, 0, link.routingIdView.capacity());
            frame.metadata = link.end.readMetadata();
            frame.more = true;
            idDelivered = true;
            return Status.OK;
        }
        fq.readFrame(frame);
        if (!frame.more)
        {
            idDelivered = false;
        }
        return Status.OK;
    }

    @Override
    boolean canSend()
    {
        return true;
    }

    @Override
    boolean canRecv()
    {
        return idDelivered || notifying || !notifications.isEmpty() || fq.hasMessage();
    }

    @Override
    String state()
    {
        return sending ? "sending a message" : "ready";
    }

    @Override
    boolean hasPeer(final byte[] id)
    {
        return table.containsKey(new RoutingId(id));
    }

    @Override
    boolean waitsForHandshake()
    {
        return true;
    }

    /** @return how many peers have a routing id. */
    int peers()
    {
        return table.size();
    }
}
