package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * After libzmq's test_monitor: events reach a PAIR socket in the two-frame format, filtered by the mask. Inproc
 * raises no connection events (as libzmq), so the events a transport would raise are raised here directly.
 */
@Timeout(10)
class MonitorTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    private static int[] readEvent(final Socket monitor, final StringBuilder endpoint)
    {
        assertEquals(6, monitor.recv(0));
        assertTrue(monitor.hasMore());
        final int event = monitor.frame().getShort(0, ByteOrder.nativeOrder()) & 0xFFFF;
        final int value = monitor.frame().getInt(2, ByteOrder.nativeOrder());
        endpoint.setLength(0);
        endpoint.append(monitor.recvString());
        assertFalse(monitor.hasMore());
        return new int[]{event, value};
    }

    @Test
    void eventsReachAPairSocketInLibzmqsTwoFrameFormat()
    {
        final Socket server = context.socket(SocketType.REP);
        server.monitor("inproc://monitor-server", MonitorEvent.ACCEPTED | MonitorEvent.DISCONNECTED);
        try (Socket monitor = context.socket(SocketType.PAIR))
        {
            monitor.connect("inproc://monitor-server");
            final StringBuilder endpoint = new StringBuilder();

            server.monitor.event(MonitorEvent.ACCEPTED, 42, "tcp://127.0.0.1:5555");
            server.monitor.event(MonitorEvent.CONNECT_RETRIED, 100, "tcp://127.0.0.1:5555"); // not selected
            server.monitor.event(MonitorEvent.DISCONNECTED, 42, "tcp://127.0.0.1:5555");

            assertArrayEquals(new int[]{MonitorEvent.ACCEPTED, 42}, readEvent(monitor, endpoint));
            assertEquals("tcp://127.0.0.1:5555", endpoint.toString());
            assertArrayEquals(new int[]{MonitorEvent.DISCONNECTED, 42}, readEvent(monitor, endpoint));
            assertEquals(Status.WOULD_BLOCK, monitor.recv(Socket.DONTWAIT));

            server.close(); // closing stops the monitor, which says so when MONITOR_STOPPED is selected
            assertEquals(Status.WOULD_BLOCK, monitor.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void monitorStoppedIsTheLastEvent()
    {
        final Socket client = context.socket(SocketType.DEALER);
        client.monitor("inproc://monitor-client", MonitorEvent.ALL);
        try (Socket monitor = context.socket(SocketType.PAIR))
        {
            monitor.connect("inproc://monitor-client");
            client.monitor.event(MonitorEvent.CONNECTED, 7, "tcp://peer:1");
            client.close();
            final StringBuilder endpoint = new StringBuilder();
            assertArrayEquals(new int[]{MonitorEvent.CONNECTED, 7}, readEvent(monitor, endpoint));
            assertArrayEquals(new int[]{MonitorEvent.MONITOR_STOPPED, 0}, readEvent(monitor, endpoint));
            assertEquals("MONITOR_STOPPED", MonitorEvent.name(MonitorEvent.MONITOR_STOPPED));
        }
    }

    @Test
    void listenerGetsSelectedEventsAndCanBeRemoved()
    {
        try (Socket socket = context.socket(SocketType.ROUTER))
        {
            final List<String> seen = new ArrayList<>();
            socket.monitor(
                (event, value, endpoint) -> seen.add(MonitorEvent.name(event) + " " + value + " " + endpoint),
                MonitorEvent.LISTENING | MonitorEvent.BIND_FAILED);
            socket.monitor.event(MonitorEvent.LISTENING, 3, "tcp://*:5555");
            socket.monitor.event(MonitorEvent.ACCEPTED, 4, "tcp://*:5555");
            socket.monitor.event(MonitorEvent.BIND_FAILED, 98, "tcp://*:5556");
            socket.monitor((MonitorEvent.Listener)null, 0);
            socket.monitor.event(MonitorEvent.LISTENING, 5, "tcp://*:5557");
            assertEquals(List.of("LISTENING 3 tcp://*:5555", "BIND_FAILED 98 tcp://*:5556"), seen);
        }
    }

    @Test
    void monitorEndpointInUseIsAClearError()
    {
        try (Socket a = context.socket(SocketType.PUSH); Socket b = context.socket(SocketType.PULL))
        {
            a.monitor("inproc://taken-monitor", MonitorEvent.ALL);
            assertThrows(RingMqException.class, () -> b.monitor("inproc://taken-monitor", MonitorEvent.ALL));
        }
    }
}
