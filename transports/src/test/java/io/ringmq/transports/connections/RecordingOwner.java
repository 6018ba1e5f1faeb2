package io.ringmq.transports.connections;

import io.ringmq.transports.TransportEvent;
import io.ringmq.rings.Pipe;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays the socket for transport tests: keeps the pipe ends the agent attaches and the events it reports, and
 * reads and writes messages through a pipe end the way a socket does.
 */
final class RecordingOwner implements ConnectionOwner
{
    private static final long WAIT_MS = 15_000;

    final BlockingQueue<Pipe.End> ends = new LinkedBlockingQueue<>();
    final BlockingQueue<PeerInfo> peers = new LinkedBlockingQueue<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<String> allEvents = java.util.Collections.synchronizedList(new ArrayList<>());

    public boolean attach(final Pipe.End socketEnd, final PeerInfo peer)
    {
        peers.add(peer);
        ends.add(socketEnd);
        return true;
    }

    public void onEvent(final int event, final String endpoint, final long value, final String detail)
    {
        final String name = TransportEvent.name(event);
        events.add(name);
        allEvents.add(name + " " + endpoint + (detail == null ? "" : " (" + detail + ")"));
    }

    Pipe.End nextEnd() throws InterruptedException
    {
        final Pipe.End end = ends.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(end, () -> "no connection was attached; events: " + allEvents);
        return end;
    }

    /**
     * Waits for {@code name}, skipping other events.
     */
    void awaitEvent(final String name) throws InterruptedException
    {
        awaitAnyEvent(name);
    }

    /**
     * Waits for any of {@code names}, skipping other events.
     *
     * @return the one that came.
     */
    String awaitAnyEvent(final String... names) throws InterruptedException
    {
        final List<String> wanted = List.of(names);
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            final String event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && wanted.contains(event))
            {
                return event;
            }
        }
        fail("none of " + wanted + "; events: " + allEvents);
        return null;
    }

    static void send(final Pipe.End end, final byte[]... frames)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (end.tryClaim() != Pipe.CLAIMED)
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("pipe stayed full");
            }
            Thread.onSpinWait();
        }
        for (final byte[] frame : frames)
        {
            end.append(frame, 0, frame.length);
        }
        end.publish();
    }

    static List<byte[]> receive(final Pipe.End end) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        int frames;
        while ((frames = end.beginRead()) == 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("no message arrived");
            }
            Thread.sleep(1);
        }
        final List<byte[]> message = new ArrayList<>();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        for (int i = 0; i < frames; i++)
        {
            end.nextFrame(view);
            final byte[] frame = new byte[view.capacity()];
            view.getBytes(0, frame);
            message.add(frame);
        }
        end.release();
        return message;
    }
}
