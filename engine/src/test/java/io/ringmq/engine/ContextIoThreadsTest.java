package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A context's threads are its I/O threads and nothing else: none for inproc, exactly {@code ioThreads} once a
 * network endpoint exists, none left after close, none at all in caller-runs mode.
 */
@Timeout(20)
class ContextIoThreadsTest
{
    private static long ioThreadsAlive()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("ringmq-io-") && thread.isAlive()).count();
    }

    @Test
    void ioThreadsStartOnTheFirstNetworkEndpointAndStopWithTheContext() throws Exception
    {
        final long before = ioThreadsAlive(); // other tests' contexts may still be stopping theirs
        final Context context = Context.builder().ioThreads(2).idleStrategy(WaitStrategy.BLOCK).build();
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH))
        {
            pull.bind("inproc://no-io");
            push.connect("inproc://no-io");
            push.send("inproc needs no I/O thread");
            assertEquals("inproc needs no I/O thread", pull.recvString());
            assertEquals(before, ioThreadsAlive());

            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.send("over tcp");
            assertEquals("over tcp", pull.recvString());
            assertEquals(before + 2, ioThreadsAlive(), "the fixed set, however many sockets and connections");
        }
        context.close();
        assertEquals(before, ioThreadsAlive(), "no I/O thread left running");
    }

    @Test
    void callerRunsModeHasNoIoThreads()
    {
        final long before = ioThreadsAlive();
        try (Context context = Context.builder().ioThreads(0).build();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.setOption(SocketOption.SNDTIMEO, 10_000);
            // Each socket drives its own I/O, when its thread calls it: close lingers until the message is out.
            final Thread sender = new Thread(() ->
            {
                push.send("caller-runs");
                push.close();
            });
            sender.start();
            assertEquals("caller-runs", pull.recvString());
            assertEquals(before, ioThreadsAlive());
        }
    }
}
