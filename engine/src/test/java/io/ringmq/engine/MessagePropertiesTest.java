package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Every received message answers for its connection (zmq_msg_gets), through the metadata its slot references. */
@Timeout(10)
class MessagePropertiesTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void receivedMessagesCarryTheWritersProperties()
    {
        try (Socket router = context.socket(SocketType.ROUTER);
             Socket dealer = context.socket(SocketType.DEALER);
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            assertNull(pull.property("Socket-Type"), "nothing received yet");
            router.bind("inproc://props");
            dealer.connect("inproc://props");
            dealer.send("hi");
            router.recv();
            assertEquals("DEALER", router.property("Socket-Type"), "already on the routing id frame");
            router.recv();
            assertEquals("DEALER", router.property("socket-type"), "names are case-insensitive");
            assertEquals("inproc://props", router.property("Peer-Address"));
            assertNull(router.property("User-Id"));

            push.connect("inproc://before-bind");
            pull.bind("inproc://before-bind");
            push.send("queued before the bind");
            assertEquals("queued before the bind", pull.recvString());
            assertEquals("PUSH", pull.property("Socket-Type"));
        }
    }

    @Test
    void boundSideMessagesSayTheBindersType()
    {
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB))
        {
            sub.connect("inproc://pub-later");
            sub.setOption(SocketOption.SUBSCRIBE, new byte[0]);
            pub.bind("inproc://pub-later");
            pub.send("news");
            assertEquals("news", sub.recvString());
            assertEquals("PUB", sub.property("Socket-Type"));
        }
    }
}
