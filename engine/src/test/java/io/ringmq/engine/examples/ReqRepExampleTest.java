package io.ringmq.engine.examples;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Request-reply: a REP server on its own thread answers a REQ client. */
@Timeout(10)
class ReqRepExampleTest
{
    @Test
    void helloWorld() throws Exception
    {
        try (Context context = Context.create())
        {
            final Socket server = context.socket(SocketType.REP);
            server.bind("inproc://hello");
            final Thread serverThread = new Thread(() ->
            {
                try (server)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        final String request = server.recvString();
                        server.send("World " + request.substring("Hello ".length()));
                    }
                }
            });
            serverThread.start();

            try (Socket client = context.socket(SocketType.REQ))
            {
                client.connect("inproc://hello");
                for (int i = 0; i < 3; i++)
                {
                    client.send("Hello " + i);
                    assertEquals("World " + i, client.recvString());
                }
            }
            serverThread.join();
        }
    }
}
