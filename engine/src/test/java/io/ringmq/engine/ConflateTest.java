package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_conflate: only the newest message is kept. */
@Timeout(10)
class ConflateTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void pullWithConflateKeepsOnlyTheNewest()
    {
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.CONFLATE, true);
            pull.bind("inproc://conflate");
            push.connect("inproc://conflate");
            for (int i = 0; i < 20; i++)
            {
                // Far past any mark: a conflating pipe never pushes back.
                assertEquals(Status.OK, push.send(("m" + i).getBytes(), Socket.DONTWAIT));
            }
            assertEquals("m19", pull.recvString());
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
            assertTrue(pull.getOption(SocketOption.CONFLATE));
        }
    }

    @Test
    void subWithConflateSeesTheLatestQuote()
    {
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB))
        {
            pub.bind("inproc://quotes");
            sub.setOption(SocketOption.CONFLATE, true);
            sub.connect("inproc://quotes");
            sub.setOption(SocketOption.SUBSCRIBE, "EURUSD".getBytes());
            for (int i = 0; i < 1000; i++)
            {
                pub.send("EURUSD " + i);
            }
            assertEquals("EURUSD 999", sub.recvString());
            assertEquals(Status.WOULD_BLOCK, sub.recv(Socket.DONTWAIT));
        }
    }
}
