package io.ringmq.engine;

/**
 * A socket's counters as a JMX MXBean, registered as {@code io.ringmq:type=Socket,context=<id>,socket=<TYPE>-<n>}
 * when its context is built with {@link Context.Builder#jmx(boolean) jmx(true)}, so JConsole, VisualVM or a JMX
 * exporter sees them without code. The values are those of the context's counters file ({@code ringmq stat}), and
 * the latency percentiles since tracking was switched on ({@link Socket#trackLatency(int)}; null while it is off).
 */
public interface SocketMXBean
{
    /** @return the socket's type name, as libzmq spells it. */
    String getType();

    long getMessagesSent();

    long getMessagesReceived();

    long getBytesSent();

    long getBytesReceived();

    /** @return messages a PUB, XPUB or ROUTER dropped at the high-water mark. */
    long getDroppedAtHwm();

    /** @return one message in how many is timed: 0 while latency tracking is off. */
    int getLatencyTracking();

    /** @return from the application's send until the I/O thread took the message to write it; null if off. */
    LatencySummary getSendResidency();

    /** @return from the read that brought a message to the application's receive; null if off. */
    LatencySummary getReceiveResidency();

    /** @return REQ: from a request sent to its reply received; null if off. */
    LatencySummary getRequestReply();
}
