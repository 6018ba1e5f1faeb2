package io.ringmq.engine;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * A socket's counters in its context's file: messages and bytes sent and received by the application, and
 * messages dropped at the high-water mark (PUB, XPUB, ROUTER without ROUTER_MANDATORY). Each is written only by
 * the thread using the socket, so a release store (no locked instruction) is enough for an outside reader; a
 * counter the file had no room for is null and costs a branch. The connection events (reconnects, handshakes by
 * outcome, limit refusals) come from any I/O thread, seldom, and are added atomically. Each connection the socket
 * takes gets counters of its own ({@link ConnectionCounters}).
 */
final class SocketCounters
{
    private final CountersFile file;
    private final AtomicCounter messagesSent;
    private final AtomicCounter messagesReceived;
    private final AtomicCounter bytesSent;
    private final AtomicCounter bytesReceived;
    private final AtomicCounter dropped;
    private final long socketId;
    private final String name;
    /** By {@link MonitorEvent} bit: the counter that event adds one to, null where none does. */
    private final AtomicCounter[] byEvent = new AtomicCounter[Integer.SIZE];
    private final AtomicCounter[] eventCounters;

    private SocketCounters(final CountersFile file, final long socketId, final String name)
    {
        this.file = file;
        messagesSent = file.newCounter(CounterType.MESSAGES_SENT, socketId, 0, name + " messages sent");
        messagesReceived = file.newCounter(CounterType.MESSAGES_RECEIVED, socketId, 0, name + " messages received");
        bytesSent = file.newCounter(CounterType.BYTES_SENT, socketId, 0, name + " bytes sent");
        bytesReceived = file.newCounter(CounterType.BYTES_RECEIVED, socketId, 0, name + " bytes received");
        dropped = file.newCounter(CounterType.DROPPED_AT_HWM, socketId, 0, name + " dropped at HWM");
        this.socketId = socketId;
        this.name = name;
        eventCounters = new AtomicCounter[]
        {
            eventCounter(MonitorEvent.CONNECT_RETRIED, CounterType.RECONNECTS, "reconnects"),
            eventCounter(MonitorEvent.HANDSHAKE_SUCCEEDED, CounterType.HANDSHAKES_SUCCEEDED, "handshakes succeeded"),
            eventCounter(MonitorEvent.HANDSHAKE_FAILED_AUTH, CounterType.HANDSHAKES_FAILED_AUTH,
                "handshakes failed: authentication"),
            eventCounter(MonitorEvent.HANDSHAKE_FAILED_PROTOCOL, CounterType.HANDSHAKES_FAILED_PROTOCOL,
                "handshakes failed: protocol"),
            eventCounter(MonitorEvent.HANDSHAKE_FAILED_NO_DETAIL, CounterType.HANDSHAKES_FAILED_OTHER,
                "handshakes failed: other"),
            eventCounter(MonitorEvent.LIMIT_REFUSED, CounterType.LIMIT_REFUSED, "connections refused by limits"),
            file.newCounter(CounterType.BYTES_ENCRYPTED, socketId, 0, name + " bytes encrypted"),
            file.newCounter(CounterType.BYTES_DECRYPTED, socketId, 0, name + " bytes decrypted"),
        };
    }

    private AtomicCounter eventCounter(final int event, final int typeId, final String what)
    {
        final AtomicCounter counter = file.newCounter(typeId, socketId, 0, name + " " + what);
        byEvent[Integer.numberOfTrailingZeros(event)] = counter;
        return counter;
    }

    /** @return the counters of socket {@code name} (e.g. {@code PULL-3}), or null if the context keeps none. */
    static SocketCounters create(final CountersFile file, final long socketId, final String name)
    {
        return null == file ? null : new SocketCounters(file, socketId, name);
    }

    void frameSent(final int length, final boolean more)
    {
        add(bytesSent, length);
        if (!more)
        {
            add(messagesSent, 1);
        }
    }

    void frameReceived(final int length, final boolean more)
    {
        add(bytesReceived, length);
        if (!more)
        {
            add(messagesReceived, 1);
        }
    }

    void droppedAtHwm()
    {
        add(dropped, 1);
    }

    /** @return the counter the socket's CURVE connections add the plaintext they box to (null if no room). */
    AtomicCounter bytesEncrypted()
    {
        return eventCounters[eventCounters.length - 2];
    }

    /** @return the counter they add the plaintext they unbox to. */
    AtomicCounter bytesDecrypted()
    {
        return eventCounters[eventCounters.length - 1];
    }

    /** Any thread: a monitor event happened on one of the socket's connections. */
    void event(final int event)
    {
        if (Integer.bitCount(event) == 1)
        {
            final AtomicCounter counter = byEvent[Integer.numberOfTrailingZeros(event)];
            if (null != counter)
            {
                counter.increment();
            }
        }
    }

    /** Socket thread: the socket took a connection; its queue depths are counted until the socket closes it. */
    void connectionAttached(final io.ringmq.rings.Pipe.End end, final String endpoint, final boolean connected)
    {
        ConnectionCounters.register(file, socketId,
            name + (connected ? " connected to " : " accepted on ") + endpoint, end);
    }

    /** Frees the counters: the file's slots are reused by later sockets. */
    void close()
    {
        for (final AtomicCounter counter : eventCounters)
        {
            file.free(counter);
        }
        file.free(messagesSent);
        file.free(messagesReceived);
        file.free(bytesSent);
        file.free(bytesReceived);
        file.free(dropped);
    }

    long messagesSent()
    {
        return value(messagesSent);
    }

    long messagesReceived()
    {
        return value(messagesReceived);
    }

    long bytesSent()
    {
        return value(bytesSent);
    }

    long bytesReceived()
    {
        return value(bytesReceived);
    }

    long dropped()
    {
        return value(dropped);
    }

    /** @return the counter's value, or -1 for one the file had no room for. */
    private static long value(final AtomicCounter counter)
    {
        return null == counter ? -1 : counter.get();
    }

    private static void add(final AtomicCounter counter, final long delta)
    {
        if (null != counter)
        {
            counter.getAndAddRelease(delta);
        }
    }
}
