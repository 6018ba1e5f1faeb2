package io.ringmq.engine;

import java.util.ArrayList;

/**
 * libzmq's fq_t: takes one message from each link with something to read, round-robin, so one busy peer cannot
 * starve the others. Frames of one message are read from the same link.
 */
final class FairQueue
{
    private static final byte[] NO_BYTES = new byte[0];

    private final ArrayList<Link> links = new ArrayList<>();
    private final Pattern owner;
    private int next;
    private Link current;
    private Link lastIn;

    FairQueue(final Pattern owner)
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
            current = null;
        }
        if (lastIn == link)
        {
            lastIn = null;
        }
    }

    /**
     * Positions on the next message, round-robin. Links whose peer closed and which are drained are detached.
     *
     * @return the link the message comes from, or null if no link has one.
     */
    Link beginMessage()
    {
        if (null != current)
        {
            throw new IllegalStateException("message in progress");
        }
        int size = links.size();
        for (int tried = 0; tried < size; )
        {
            if (next >= size)
            {
                next = 0;
            }
            final Link link = links.get(next);
            if (link.end.beginRead() > 0)
            {
                current = link;
                lastIn = link;
                next++;
                return link;
            }
            if (link.isGone())
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

    /** Reads the next frame of the message in progress into {@code frame}. */
    void readFrame(final Frame frame)
    {
        if (null == current)
        {
            // The link was closed under a half-read message (disconnect between two receives): end the message
            // with an empty frame rather than leave the caller expecting more.
            frame.view.wrap(NO_BYTES);
            frame.more = false;
            return;
        }
        frame.metadata = current.end.readMetadata();
        frame.more = current.end.nextFrame(frame.view) > 0;
        if (!frame.more)
        {
            current = null;
        }
    }

    /** Drops what is left of the message in progress. */
    void skipRest()
    {
        if (null != current)
        {
            current.end.skipRest();
            current = null;
        }
    }

    /**
     * Receives one frame, starting a new message if none is in progress.
     *
     * @return {@link Status#OK} or {@link Status#WOULD_BLOCK}.
     */
    int recv(final Frame frame)
    {
        if (null == current && null == beginMessage())
        {
            return Status.WOULD_BLOCK;
        }
        readFrame(frame);
        return Status.OK;
    }

    boolean isMidMessage()
    {
        return null != current;
    }

    /** @return the link the last message started came from (REQ and REP reply to it). */
    Link lastIn()
    {
        return lastIn;
    }

    boolean hasMessage()
    {
        if (null != current)
        {
            return true;
        }
        for (int i = 0, size = links.size(); i < size; i++)
        {
            if (links.get(i).end.hasMessage())
            {
                return true;
            }
        }
        return false;
    }

    int size()
    {
        return links.size();
    }
}
