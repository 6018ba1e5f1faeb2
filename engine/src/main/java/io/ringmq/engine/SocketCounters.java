package io.ringmq.engine;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * A socket's counters in its context's file: messages and bytes sent and received by the application, and
 * messages dropped at the high-water mark (PUB, XPUB, ROUTER without ROUTER_MANDATORY). Each is written only by
 * the thread using the socket, so a release store (no locked instruction) is enough for an outside reader; a
 * counter the file had no room for is null and costs a branch.
 */
final class SocketCounters
{
    private final CountersFile file;
    private final AtomicCounter messagesSent;
    private final AtomicCounter messagesReceived;
    private final AtomicCounter bytesSent;
    private final AtomicCounter bytesReceived;
    private final AtomicCounter dropped;

    private SocketCounters(final CountersFile file, final long socketId, final String name)
    {
        this.file = file;
        messagesSent = file.newCounter(CounterType.MESSAGES_SENT, socketId, 0, name + " messages sent");
        messagesReceived = file.newCounter(CounterType.MESSAGES_RECEIVED, socketId, 0, name + " messages received");
        bytesSent = file.newCounter(CounterType.BYTES_SENT, socketId, 0, name + " bytes sent");
        bytesReceived = file.newCounter(CounterType.BYTES_RECEIVED, socketId, 0, name + " bytes received");
        dropped = file.newCounter(CounterType.DROPPED_AT_HWM, socketId, 0, name + " dropped at HWM");
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

    /** Frees the counters: the file's slots are reused by later sockets. */
    void close()
    {
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
