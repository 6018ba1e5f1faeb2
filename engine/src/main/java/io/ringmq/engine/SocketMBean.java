package io.ringmq.engine;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Registers a socket's {@link SocketMXBean} with the platform MBean server, and removes it when the socket closes.
 * A registration failure (a name taken, a security manager) costs the MBean only, with a log line.
 */
final class SocketMBean implements SocketMXBean
{
    private final String type;
    private final SocketCounters counters;
    private final Socket socket;
    private final ObjectName name;

    private SocketMBean(final String type, final SocketCounters counters, final Socket socket, final ObjectName name)
    {
        this.type = type;
        this.counters = counters;
        this.socket = socket;
        this.name = name;
    }

    static SocketMBean register(
        final long contextId, final String type, final int socketId, final SocketCounters counters,
        final Socket socket)
    {
        try
        {
            final ObjectName name = new ObjectName(
                "io.ringmq:type=Socket,context=" + contextId + ",socket=" + type + "-" + socketId);
            final SocketMBean bean = new SocketMBean(type, counters, socket, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        }
        catch (final RuntimeException | JMException ex)
        {
            System.getLogger(SocketMBean.class.getName()).log(System.Logger.Level.WARNING,
                "ringmq: the MBean of " + type + "-" + socketId + " is not registered: " + ex);
            return null;
        }
    }

    void unregister()
    {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try
        {
            server.unregisterMBean(name);
        }
        catch (final InstanceNotFoundException | javax.management.MBeanRegistrationException ignore)
        {
            // Already gone.
        }
    }

    public String getType()
    {
        return type;
    }

    public long getMessagesSent()
    {
        return counters.messagesSent();
    }

    public long getMessagesReceived()
    {
        return counters.messagesReceived();
    }

    public long getBytesSent()
    {
        return counters.bytesSent();
    }

    public long getBytesReceived()
    {
        return counters.bytesReceived();
    }

    public long getDroppedAtHwm()
    {
        return counters.dropped();
    }

    public int getLatencyTracking()
    {
        final LatencyTracker tracker = socket.latencyTracking.tracker();
        return null == tracker ? 0 : tracker.sampleEvery();
    }

    public LatencySummary getSendResidency()
    {
        return summary(0);
    }

    public LatencySummary getReceiveResidency()
    {
        return summary(1);
    }

    public LatencySummary getRequestReply()
    {
        return summary(2);
    }

    private LatencySummary summary(final int which)
    {
        final LatencyTracker tracker = socket.latencyTracking.tracker();
        return null == tracker ? null : LatencySummary.of(tracker.totals()[which]);
    }
}
