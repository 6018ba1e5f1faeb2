package io.ringmq.engine;

import io.ringmq.crypto.CurveKeys;
import io.ringmq.rings.IdleStrategyKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's own API types stand for the lower modules' ones one to one: same names, libzmq's numbers, the
 * same keys and the same endpoint rules.
 */
class ApiTypesTest
{
    @Test
    void socketTypesAreTheWireTypesWithLibzmqNumbers()
    {
        assertEquals(io.ringmq.codecs.SocketType.values().length, SocketType.values().length);
        for (final SocketType type : SocketType.values())
        {
            assertEquals(type.name(), type.wire().name());
            assertEquals(type.wire().number(), type.number());
            assertSame(type, SocketType.fromNumber(type.number()));
        }
        assertEquals(0, SocketType.PAIR.number());
        assertEquals(11, SocketType.STREAM.number());
        assertNull(SocketType.fromNumber(12));
        assertNull(SocketType.fromNumber(-1));
    }

    @Test
    void socketReportsItsEngineType()
    {
        try (Context context = Context.create(); Socket socket = context.socket(SocketType.DEALER))
        {
            assertSame(SocketType.DEALER, socket.type());
            assertSame(SocketType.DEALER, socket.getOption(SocketOption.TYPE));
        }
    }

    @Test
    void waitStrategiesAreTheRingsStrategies()
    {
        assertEquals(IdleStrategyKind.values().length, WaitStrategy.values().length);
        for (final WaitStrategy strategy : WaitStrategy.values())
        {
            assertEquals(strategy.name(), strategy.kind().name());
        }
        try (Context context = Context.builder().idleStrategy(WaitStrategy.BACK_OFF).build())
        {
            assertSame(WaitStrategy.BACK_OFF, context.idleStrategy());
        }
        try (Context context = Context.create())
        {
            assertSame(WaitStrategy.BLOCK, context.idleStrategy(), "libzmq's default: threads sleep");
        }
    }

    @Test
    void curveKeyPairIsAnX25519PairInZ85()
    {
        final CurveKeyPair pair = CurveKeyPair.generate();
        assertEquals(CurveKeyPair.KEY_LENGTH, pair.secretKey().length);
        assertArrayEquals(CurveKeys.publicFromSecret(pair.secretKey()), pair.publicKey());
        assertArrayEquals(pair.publicKey(), CurveKeyPair.publicKeyOf(pair.secretKey()));
        assertEquals(CurveKeyPair.Z85_KEY_LENGTH, pair.publicKeyZ85().length());
        assertArrayEquals(pair.secretKey(), CurveKeyPair.decodeZ85(pair.secretKeyZ85()));
        assertEquals(pair.publicKeyZ85(), CurveKeyPair.encodeZ85(pair.publicKey()));
        assertFalse(pair.toString().contains(pair.secretKeyZ85()));

        // RFC 32's test vector: the client public key of the CurveZMQ examples.
        final String z85 = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
        assertTrue(CurveKeyPair.isZ85Key(z85));
        assertEquals(z85, CurveKeyPair.encodeZ85(CurveKeyPair.decodeZ85(z85)));
    }

    @Test
    void curveKeyPairRefusesWhatIsNotAKey()
    {
        assertFalse(CurveKeyPair.isZ85Key("too short"));
        assertFalse(CurveKeyPair.isZ85Key("Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hI\""));
        assertFalse(CurveKeyPair.isZ85Key(null));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.decodeZ85("abc"));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.encodeZ85(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.publicKeyOf(new byte[16]));
    }

    @Test
    void a32ByteKeyPairWorksAsSocketOptions()
    {
        final CurveKeyPair pair = CurveKeyPair.generate();
        try (Context context = Context.create(); Socket socket = context.socket(SocketType.REP))
        {
            socket.setOption(SocketOption.CURVE_SERVER, true);
            socket.setOption(SocketOption.CURVE_PUBLICKEY, pair.publicKey());
            socket.setOption(SocketOption.CURVE_SECRETKEY, pair.secretKey());
            assertArrayEquals(pair.publicKey(), socket.getOption(SocketOption.CURVE_PUBLICKEY));
        }
    }

    @Test
    void endpointUriParsesAsBindAndConnectDo()
    {
        final EndpointUri tcp = EndpointUri.parse("tcp://127.0.0.1:5555");
        assertSame(EndpointUri.Transport.TCP, tcp.transport());
        assertEquals("127.0.0.1", tcp.host());
        assertEquals(5555, tcp.port());
        assertFalse(tcp.isWildcardHost());
        assertEquals("tcp://127.0.0.1:5555", tcp.toString());

        final EndpointUri wildcard = EndpointUri.parse("tcp://*:*");
        assertTrue(wildcard.isWildcardHost());
        assertEquals(0, wildcard.port());
        assertEquals("::1", EndpointUri.parse("tcp://[::1]:80").host());

        final EndpointUri ipc = EndpointUri.parse("ipc:///tmp/x.sock");
        assertSame(EndpointUri.Transport.IPC, ipc.transport());
        assertEquals("/tmp/x.sock", ipc.path());
        assertSame(EndpointUri.Transport.INPROC, EndpointUri.parse("inproc://name").transport());
    }

    @Test
    void endpointUriRefusesWithTheSocketsMessage()
    {
        for (final String bad : new String[]{"nonsense", "tcp://host", "tcp://:80", "tcp://h:70000", "ipc://",
            "inproc://", "pgm://eth0;239.1.1.1:5555", "udp://h:1"})
        {
            final IllegalArgumentException parse =
                assertThrows(IllegalArgumentException.class, () -> EndpointUri.parse(bad), bad);
            assertSame(IllegalArgumentException.class, parse.getClass(), "no transports type escapes");
            try (Context context = Context.create(); Socket socket = context.socket(SocketType.PULL))
            {
                final RingMqException bind = assertThrows(RingMqException.class, () -> socket.bind(bad), bad);
                assertTrue(bind.getMessage().contains(parse.getMessage()), bind.getMessage());
            }
        }
    }
}
