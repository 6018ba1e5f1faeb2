package io.ringmq.engine;

/**
 * A socket's counters as a JMX MXBean, registered as {@code io.ringmq:type=Socket,context=<id>,socket=<TYPE>-<n>}
 * when its context is built with {@link Context.Builder#jmx(boolean) jmx(true)}, so JConsole, VisualVM or a JMX
 * exporter sees them without code. The values are those of the context's counters file ({@code ringmq stat}).
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
}
