package io.ringmq.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ringmq refuses over multicast, as libzmq does, without a network: socket types other than PUB, XPUB, SUB
 * and XSUB; any security mechanism; raw-IP pgm (no raw sockets in the JDK); an interface that is not here.
 */
class EpgmRefusalTest
{
    private static void assertRefused(final Socket socket, final String endpoint, final String expected)
    {
        final RingMqException failure = assertThrows(RingMqException.class, () -> socket.connect(endpoint));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    @Test
    void onlyPublishAndSubscribeSocketsTakeMulticast()
    {
        try (Context context = Context.create())
        {
            for (final SocketType type : new SocketType[]{SocketType.PUSH, SocketType.PULL, SocketType.DEALER,
                SocketType.PAIR, SocketType.REQ})
            {
                try (Socket socket = context.socket(type))
                {
                    assertRefused(socket, "epgm://127.0.0.1;239.192.1.1:5555", "ENOCOMPATPROTO");
                }
            }
        }
    }

    @Test
    void securityMechanismsAreRefusedOverMulticast()
    {
        try (Context context = Context.create(); Socket pub = context.socket(SocketType.PUB);
            Socket sub = context.socket(SocketType.SUB))
        {
            pub.setOption(SocketOption.PLAIN_SERVER, true);
            assertRefused(pub, "epgm://127.0.0.1;239.192.1.1:5555", "no security mechanism");
            sub.setOption(SocketOption.PLAIN_USERNAME, "user");
            sub.setOption(SocketOption.PLAIN_PASSWORD, "secret");
            assertRefused(sub, "epgm://127.0.0.1;239.192.1.1:5555", "no security mechanism");
        }
    }

    @Test
    void rawPgmIsUnsupportedAndNamesEpgm()
    {
        try (Context context = Context.create(); Socket pub = context.socket(SocketType.PUB))
        {
            assertRefused(pub, "pgm://127.0.0.1;239.192.1.1:5555", "use epgm://");
            assertRefused(pub, "pgm://127.0.0.1;239.192.1.1:5555", "EPROTONOSUPPORT");
        }
    }

    @Test
    void anInterfaceThatIsNotHereIsRefused()
    {
        try (Context context = Context.create(); Socket sub = context.socket(SocketType.SUB))
        {
            assertRefused(sub, "epgm://ringmq-no-such-if0;239.192.1.1:5555", "ENODEV");
            assertRefused(sub, "epgm://eth0;10.0.0.1:5555", "multicast group");
        }
    }
}
