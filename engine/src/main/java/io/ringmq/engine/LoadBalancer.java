package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;

import java.util.ArrayList;

/**
 * libzmq's lb_t: each message goes to the next link, round-robin, skipping links at their high-water mark. All
 * frames of a message go to the link its first frame went to; the message is published when its last frame is
 * appended, so the peer sees it all or not at all.
 */
final class LoadBalancer
{
    private final ArrayList<Link> links = new ArrayList<>();
    private final Pattern owner;
    private int next;
    private Link current;
    private boolean dropping;

    LoadBalancer(final Pattern owner)
    {
        this.owner = owner;
    }

    void attach(final Link link)
    {
        links.add(link);
    }

    void detach(final Link link)
    {
        final int index = links.indexOf(link);
        if (index >= 0)
        {
            links.remove(index);
            if (index < next)
            {
                next--;
            }
        }
        if (current == link)
        {
            // The peer went away mid-message: its frames are gone; drop the rest of the message too, as libzmq's
            // lb_t does, rather than send a headless remainder to another peer.
            current = null;
            dropping = true;
        }
    }

    /**
     * @return true if some link has room for a new message now.
     */
    boolean hasRoom()
    {
        for (int i = 0, size = links.size(); i < size; i++)
        {
            if (links.get(i).end.isWritable())
            {
                return true;
            }
        }
        return false;
    }

    /** @return true while a multipart message is being sent. */
    boolean isMidMessage()
    {
        return null != current || dropping;
    }

    /** @return the link the message in progress goes to, or the one the last message went to. */
    Link current()
    {
        return current;
    }

    /**
     * Claims a slot for a new message on the next link with room. Links whose peer closed are detached if drained.
     *
     * @return the link, or null if all are full (would-block).
     */
    Link claim()
    {
        int size = links.size();
        for (int tried = 0; tried < size; )
        {
            if (next >= size)
            {
                next = 0;
            }
            final Link link = links.get(next);
            final int result = link.end.tryClaim();
            if (Pipe.CLAIMED == result)
            {
                current = link;
                return link;
            }
            if (Pipe.CLOSED == result && link.isGone())
            {
                owner.linkGone(link);
                size = links.size();
                continue;
            }
            next++;
            tried++;
        }
        return null;
    }

    /**
     * Sends one frame.
     *
     * @return {@link Status#OK} or {@link Status#WOULD_BLOCK} (only possible on a first frame).
     */
    int send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (dropping)
        {
            dropping = more;
            return Status.OK;
        }
        if (null == current && null == claim())
        {
            return Status.WOULD_BLOCK;
        }
        current.end.append(buffer, offset, length);
        if (!more)
        {
            finish();
        }
        return Status.OK;
    }

    /** Publishes the message in progress and moves round-robin to the next link. */
    void finish()
    {
        current.end.publish();
        current = null;
        next++;
    }

    int size()
    {
        return links.size();
    }
}
