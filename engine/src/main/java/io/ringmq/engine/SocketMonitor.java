package io.ringmq.engine;

import io.ringmq.transports.TransportEvent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where one socket's monitor events go (libzmq's {@code zmq_socket_monitor}): a PAIR socket bound at an inproc
 * endpoint, in libzmq's two-frame format, or a {@link MonitorEvent.Listener}; and which events are selected. Also
 * counts the connections and subscriptions refused per limit, monitored or not, and hands every event to the
 * socket's counters (reconnects, handshakes by outcome, limit refusals).
 *
 * <p>Events are raised on the socket's thread and on I/O threads, so delivery is serialised on a lock, as libzmq
 * serialises it on its monitor mutex.
 */
final class SocketMonitor
{
    private final AtomicLongArray limitRefusals = new AtomicLongArray(TransportEvent.LIMIT_REASONS);
    private final Object lock = new Object();
    /** Null when the context keeps no counters file. */
    private final SocketCounters counters;
    private Socket pair;
    private MonitorEvent.Listener listener;
    private int events;

    SocketMonitor(final SocketCounters counters)
    {
        this.counters = counters;
    }

    /**
     * Sends the selected events to a PAIR socket bound at {@code endpoint}; call {@link #stop()} first.
     *
     * @throws RingMqException if the PAIR cannot bind there; nothing is then monitored.
     */
    void toPair(final Context context, final String endpoint, final int events)
    {
        final Socket pair = context.socket(SocketType.PAIR);
        try
        {
            pair.bind(endpoint);
        }
        catch (final RingMqException ex)
        {
            pair.close();
            throw ex;
        }
        synchronized (lock)
        {
            this.pair = pair;
            this.events = events;
        }
    }

    /** Hands the selected events to {@code listener}, or to nobody if it is null; call {@link #stop()} first. */
    void toListener(final MonitorEvent.Listener listener, final int events)
    {
        synchronized (lock)
        {
            this.listener = listener;
            this.events = null == listener ? 0 : events;
        }
    }

    /** Sends MONITOR_STOPPED to whoever monitors, then forgets them; the PAIR socket, if any, is closed. */
    void stop()
    {
        event(MonitorEvent.MONITOR_STOPPED, 0, "");
        synchronized (lock)
        {
            if (null != pair)
            {
                pair.close();
                pair = null;
            }
            listener = null;
            events = 0;
        }
    }

    /** Raises an event, from any thread. */
    void event(final int event, final long value, final String endpoint)
    {
        event(event, value, endpoint, null);
    }

    /**
     * Raises an event, from any thread; {@code detail} gives the reason for failures (handshake refused, bad bytes)
     * to listeners.
     */
    void event(final int event, final long value, final String endpoint, final String detail)
    {
        if (null != counters)
        {
            counters.event(event);
        }
        if (event == MonitorEvent.LIMIT_REFUSED && value > 0 && value < limitRefusals.length())
        {
            limitRefusals.incrementAndGet((int)value);
        }
        synchronized (lock)
        {
            if ((events & event) == 0)
            {
                return;
            }
            if (null != listener)
            {
                listener.onEvent(event, value, endpoint, detail);
            }
            if (null != pair)
            {
                final UnsafeBuffer eventFrame = new UnsafeBuffer(new byte[6]);
                eventFrame.putShort(0, (short)event, ByteOrder.nativeOrder());
                eventFrame.putInt(2, (int)value, ByteOrder.nativeOrder());
                // Never block the thread raising the event: a monitor nobody reads loses events, as in libzmq.
                if (Status.OK == pair.send(eventFrame, 0, 6, Socket.SNDMORE | Socket.DONTWAIT))
                {
                    pair.send(endpoint.getBytes(StandardCharsets.UTF_8), 0);
                }
            }
        }
    }

    /** @return connections or subscriptions refused for the limit {@code reason} so far (any thread). */
    long limitRefusals(final int reason)
    {
        return reason > 0 && reason < limitRefusals.length() ? limitRefusals.get(reason) : 0;
    }
}
