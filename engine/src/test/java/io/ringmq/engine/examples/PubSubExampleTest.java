package io.ringmq.engine.examples;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Publish-subscribe: subscribers pick topics by prefix; the publisher only sends what someone wants. */
@Timeout(10)
class PubSubExampleTest
{
    @Test
    void weatherUpdates()
    {
        try (Context context = Context.create();
             Socket publisher = context.socket(SocketType.PUB);
             Socket paris = context.socket(SocketType.SUB);
             Socket everything = context.socket(SocketType.SUB))
        {
            publisher.bind("inproc://weather");
            paris.connect("inproc://weather");
            everything.connect("inproc://weather");
            paris.setOption(SocketOption.SUBSCRIBE, "75".getBytes());
            everything.setOption(SocketOption.SUBSCRIBE, new byte[0]);

            publisher.sendMore("75001");
            publisher.send("12 C");
            publisher.sendMore("10001");
            publisher.send("5 C");

            assertEquals("75001", paris.recvString());
            assertEquals("12 C", paris.recvString());
            assertEquals("75001", everything.recvString());
            assertEquals("12 C", everything.recvString());
            assertEquals("10001", everything.recvString());
            assertEquals("5 C", everything.recvString());
        }
    }
}
