package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import io.ringmq.rings.Waker;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * One socket's links, a link per connection: those its pattern has attached, and the two queues other threads
 * hand it links by (a peer that connected, from the context's inproc registry or an I/O agent; a tcp connection
 * that was made again). Each link carries the socket's waker and latency probes, installed before it is handed over.
 * The queues are drained on the socket's thread at the start of each of its calls ({@link #processInbox()}).
 */
final class SocketLinks
{
    private static final byte[] NO_BYTES = new byte[0];

    private final Socket socket;
    private final Pattern pattern;
    private final Options options;
    /** Null when the context keeps no counters file. */
    private final SocketCounters counters;
    private final ArrayList<Link> attached = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<Link> inbox = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToOneConcurrentLinkedQueue<Link> reconnected = new ManyToOneConcurrentLinkedQueue<>();
    /** What producers poke: the socket's idle waker, plus its readiness listener if one is set. Read by others. */
    private volatile Waker waker;

    SocketLinks(
        final Socket socket, final Pattern pattern, final Options options, final Waker waker,
        final SocketCounters counters)
    {
        this.counters = counters;
        this.socket = socket;
        this.pattern = pattern;
        this.options = options;
        this.waker = waker;
    }

    /** @return the links attached now, newest last; the socket's thread only. */
    List<Link> attached()
    {
        return attached;
    }

    /** Any thread: a peer connected to one of the socket's bindings, or an I/O agent finished a handshake. */
    void deliver(final Link link)
    {
        link.end.waker(waker);
        // Before the link is handed over: its connection may publish before this socket's thread attaches it.
        installProbes(link);
        inbox.offer(link);
        waker.wake();
    }

    /** Any thread (an I/O agent's): the connection behind a session link was made again. */
    void deliverReconnected(final Link link)
    {
        if (null != link)
        {
            reconnected.offer(link);
            waker.wake();
        }
    }

    /** Any thread: wakes the socket's thread if it waits (the context closed). */
    void wakeUp()
    {
        waker.wake();
    }

    /** Takes in what other threads handed over; a closed socket closes the links it is still given. */
    void processInbox()
    {
        if (!reconnected.isEmpty())
        {
            Link link;
            while (null != (link = reconnected.poll()))
            {
                if (link.attached)
                {
                    pattern.reconnected(link);
                }
            }
        }
        if (!inbox.isEmpty())
        {
            Link link;
            while (null != (link = inbox.poll()))
            {
                if (socket.isClosed())
                {
                    link.end.close();
                }
                else
                {
                    attach(link);
                }
            }
        }
    }

    /** Gives a link to the pattern, or closes it if the pattern refuses it. */
    void attach(final Link link)
    {
        link.end.waker(waker);
        installProbes(link);
        if (pattern.attach(link))
        {
            link.attached = true;
            attached.add(link);
            if (null != counters)
            {
                counters.connectionAttached(link.end, link.endpoint, link.connected);
            }
            if (options.probeRouter && Pipe.CLAIMED == link.end.tryClaim())
            {
                // An empty message, so that a ROUTER peer learns this connection's routing id before we speak.
                link.end.append(NO_BYTES, 0, 0);
                link.end.publish();
            }
        }
        else
        {
            link.end.close();
        }
    }

    /** Takes a link from the pattern, if attached, and closes it. */
    void detach(final Link link)
    {
        if (link.attached)
        {
            link.attached = false;
            pattern.detach(link);
            attached.remove(link);
        }
        link.end.close();
    }

    /** Takes in what is pending, then detaches every link (the socket is closing). */
    void detachAll()
    {
        processInbox();
        for (int i = attached.size() - 1; i >= 0; i--)
        {
            detach(attached.get(i));
        }
    }

    /** Points every link, and every link to come, at a new waker (a readiness listener set or removed). */
    void waker(final Waker newWaker)
    {
        processInbox();
        waker = newWaker;
        for (int i = 0, size = attached.size(); i < size; i++)
        {
            attached.get(i).end.waker(newWaker);
        }
    }

    /** Installs the socket's latency probes, or none if tracking is now off, on every link attached. */
    void latencyProbes(final LatencyTracker tracker)
    {
        for (int i = 0, size = attached.size(); i < size; i++)
        {
            attached.get(i).end.latencyProbes(null == tracker ? null : tracker.sendProbe(),
                null == tracker ? null : tracker.receiveProbe());
        }
    }

    /** @return messages sent that no live peer or transport has taken yet (see {@link Socket#pendingOutbound()}). */
    long pendingOutbound()
    {
        processInbox();
        long pending = 0;
        for (int i = 0; i < attached.size(); i++)
        {
            final Pipe.End end = attached.get(i).end;
            // A peer that has gone takes nothing more: what is left for it will not be delivered, whatever LINGER.
            if (!end.isPeerClosed())
            {
                pending += end.outboundPending();
            }
        }
        return pending;
    }

    private void installProbes(final Link link)
    {
        final LatencyTracker tracker = socket.latencyTracking.tracker();
        if (null != tracker)
        {
            link.end.latencyProbes(tracker.sendProbe(), tracker.receiveProbe());
        }
    }
}
