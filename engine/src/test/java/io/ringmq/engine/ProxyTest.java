package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_proxy_steerable: forwarding both ways, capture, PAUSE, RESUME, STATISTICS, TERMINATE. */
@Timeout(20)
class ProxyTest
{
    private static long[] statistics(final Socket control)
    {
        control.send("STATISTICS");
        final long[] values = new long[8];
        for (int i = 0; i < 8; i++)
        {
            assertEquals(8, control.recv(0));
            values[i] = control.frame().getLong(0, java.nio.ByteOrder.nativeOrder());
            assertEquals(i < 7, control.hasMore());
        }
        return values;
    }

    @Test
    void steerableProxyBetweenRouterAndDealer() throws Exception
    {
        try (Context context = Context.create();
             Socket client = context.socket(SocketType.REQ);
             Socket worker = context.socket(SocketType.REP);
             Socket captured = context.socket(SocketType.PULL);
             Socket control = context.socket(SocketType.REQ))
        {
            final Socket frontend = context.socket(SocketType.ROUTER);
            final Socket backend = context.socket(SocketType.DEALER);
            final Socket capture = context.socket(SocketType.PUSH);
            final Socket controlled = context.socket(SocketType.REP);
            frontend.bind("inproc://frontend");
            backend.bind("inproc://backend");
            capture.bind("inproc://capture");
            controlled.bind("inproc://control");
            client.connect("inproc://frontend");
            worker.connect("inproc://backend");
            captured.connect("inproc://capture");
            control.connect("inproc://control");

            final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
            final Thread proxy = new Thread(() ->
            {
                try (frontend; backend; capture; controlled)
                {
                    result.set(Proxy.run(frontend, backend, capture, controlled));
                }
            }, "proxy");
            proxy.start();

            client.send("request");
            assertEquals("request", worker.recvString());
            worker.send("reply");
            assertEquals("reply", client.recvString());
            // Capture saw every frame both ways: [id, "", "request"] then [id, "", "reply"].
            captured.recv();
            assertEquals("", captured.recvString());
            assertEquals("request", captured.recvString());
            captured.recv();
            assertEquals("", captured.recvString());
            assertEquals("reply", captured.recvString());

            long[] stats = statistics(control);
            assertEquals(1, stats[0], "frontend messages in");
            assertEquals(1, stats[2], "frontend messages out");
            assertEquals(1, stats[4], "backend messages in");
            assertEquals(1, stats[6], "backend messages out");
            assertEquals(stats[1], stats[7], "bytes in at the frontend went out at the backend");

            control.send("PAUSE");
            assertEquals("", control.recvString());
            client.send("while paused");
            stats = statistics(control);
            assertEquals(1, stats[0], "a paused proxy reads nothing");
            assertEquals(Status.WOULD_BLOCK, worker.recv(Socket.DONTWAIT));

            control.send("RESUME");
            assertEquals("", control.recvString());
            assertEquals("while paused", worker.recvString());
            worker.send("late reply");
            assertEquals("late reply", client.recvString());

            control.send("TERMINATE");
            assertEquals("", control.recvString());
            proxy.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(proxy.isAlive());
            assertEquals(Status.OK, result.get());
        }
    }

    @Test
    void closingTheContextEndsAProxyWithoutControl() throws Exception
    {
        final Context context = Context.create();
        final Socket frontend = context.socket(SocketType.PULL);
        final Socket backend = context.socket(SocketType.PUSH);
        frontend.bind("inproc://in");
        backend.bind("inproc://out");
        final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        final Thread proxy = new Thread(() -> result.set(Proxy.run(frontend, backend, null, null)));
        proxy.start();
        try (Socket push = context.socket(SocketType.PUSH); Socket pull = context.socket(SocketType.PULL))
        {
            push.connect("inproc://in");
            pull.connect("inproc://out");
            push.sendMore("two");
            push.send("frames");
            assertEquals("two", pull.recvString());
            assertTrue(pull.hasMore());
            assertEquals("frames", pull.recvString());
        }
        context.close();
        proxy.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(proxy.isAlive());
        assertEquals(Status.TERMINATED, result.get());
        frontend.close();
        backend.close();
    }
}
