package io.ringmq.engine.examples;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asynchronous client-server: a ROUTER answers DEALER clients by routing id, in any order. */
@Timeout(10)
class RouterDealerExampleTest
{
    @Test
    void asyncServer()
    {
        try (Context context = Context.create();
             Socket server = context.socket(SocketType.ROUTER);
             Socket alice = context.socket(SocketType.DEALER);
             Socket bob = context.socket(SocketType.DEALER))
        {
            server.setOption(SocketOption.ROUTER_MANDATORY, true); // unknown ids are an error, not a silent drop
            server.bind("inproc://server");
            alice.setOption(SocketOption.ROUTING_ID, "alice".getBytes());
            bob.setOption(SocketOption.ROUTING_ID, "bob".getBytes());
            alice.connect("inproc://server");
            bob.connect("inproc://server");

            alice.send("what time is it?");
            bob.send("what day is it?");
            for (int i = 0; i < 2; i++)
            {
                final byte[] client = server.recv();
                final String question = server.recvString();
                server.sendMore(client);
                server.send(question.contains("time") ? "noon" : "friday");
            }
            assertEquals("noon", alice.recvString());
            assertEquals("friday", bob.recvString());
        }
    }
}
