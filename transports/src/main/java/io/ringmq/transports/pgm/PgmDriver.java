package io.ringmq.transports.pgm;

import io.ringmq.rings.Waker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The thread that drives epgm sessions: a duty cycle over its sessions (pipe → ODATA, NAKs → NCF/RDATA, timers)
 * and a selector that parks until a datagram, a socket's wake-up or the next deadline. First version: one driver
 * per socket that uses epgm, not yet the context's I/O agents (the agents' connection interface is being split
 * into packages under issue 11; joining it is the next step).
 */
public final class PgmDriver implements AutoCloseable
{
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Selector selector;
    private final Thread thread;
    private final ArrayList<PgmSession> sessions = new ArrayList<>();
    private final ConcurrentLinkedQueue<PgmSession> added = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PgmSession> closing = new ConcurrentLinkedQueue<>();
    private final Waker waker;
    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile long failures;

    public PgmDriver(final String name)
    {
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        waker = () ->
        {
            if (parked)
            {
                selector.wakeup();
            }
        };
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return what a socket pokes after publishing into a session's pipe.
     */
    public Waker waker()
    {
        return waker;
    }

    void add(final PgmSession session)
    {
        added.add(session);
        selector.wakeup();
    }

    void close(final PgmSession session)
    {
        closing.add(session);
        selector.wakeup();
    }

    public long failures()
    {
        return failures;
    }

    private void run()
    {
        while (running || !sessions.isEmpty())
        {
            takeCommands();
            if (!running)
            {
                for (int i = 0; i < sessions.size(); i++)
                {
                    sessions.get(i).requestClose();
                }
            }
            final long now = System.nanoTime();
            int work = 0;
            long deadline = Long.MAX_VALUE;
            for (int i = sessions.size() - 1; i >= 0; i--)
            {
                final PgmSession session = sessions.get(i);
                try
                {
                    work += session.doWork(now);
                }
                catch (final IOException | RuntimeException ex)
                {
                    failures++;
                    System.getLogger("io.ringmq.transports").log(System.Logger.Level.WARNING,
                        "epgm session failed: " + ex);
                }
                if (session.isDone())
                {
                    session.closeNow();
                    sessions.remove(i);
                    continue;
                }
                deadline = Math.min(deadline, session.nextDeadlineNs());
            }
            if (!running && sessions.isEmpty())
            {
                break;
            }
            park(work, deadline);
        }
        try
        {
            selector.close();
        }
        catch (final IOException ignored)
        {
            // nothing more to do for a closed selector
        }
    }

    private void takeCommands()
    {
        PgmSession session;
        while ((session = added.poll()) != null)
        {
            try
            {
                session.channel().register(selector, SelectionKey.OP_READ, session);
                sessions.add(session);
            }
            catch (final IOException ex)
            {
                failures++;
                session.closeNow();
            }
        }
        while ((session = closing.poll()) != null)
        {
            session.requestClose();
        }
    }

    private void park(final int work, final long deadline)
    {
        try
        {
            if (work > 0)
            {
                selector.selectNow();
            }
            else
            {
                parked = true;
                // Re-checked after raising the flag: a socket that published before it saw the flag down and did
                // not wake us, so its message must be found here rather than after the select's timeout.
                long due = deadline;
                for (int i = 0; i < sessions.size(); i++)
                {
                    due = Math.min(due, sessions.get(i).nextDeadlineNs());
                }
                final long waitNs = Math.min(MAX_PARK_NS, due - System.nanoTime());
                if (waitNs > TimeUnit.MICROSECONDS.toNanos(500) && added.isEmpty() && closing.isEmpty())
                {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNs)));
                }
                else
                {
                    selector.selectNow();
                }
                parked = false;
            }
            selector.selectedKeys().clear();
        }
        catch (final IOException ex)
        {
            failures++;
        }
    }

    /**
     * Stops once every session has finished (senders send their closing SPMs), waiting at most {@code millis}.
     */
    public void close(final long millis)
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        close(2000);
    }
}
