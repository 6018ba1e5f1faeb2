package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.SecurityFailure;
import io.ringmq.crypto.ZapNullMechanism;
import io.ringmq.crypto.ZapSettings;
import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import static io.ringmq.transports.zmtp.CurveInteropTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NULL with a ZAP domain: ringmq's ZAP decides for libzmq NULL clients (IP-style authentication).
 */
@Timeout(60)
class SecurityNullZapInteropTest
{
    private LibzmqPeer peer;

    @BeforeEach
    void startPeer()
    {
        peer = LibzmqPeer.start();
    }

    @AfterEach
    void stopPeer()
    {
        peer.close();
    }

    @Test
    void zapAcceptsALibzmqNullClient() throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "DEALER");
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            final SecurityTestZap zap = new SecurityTestZap("anonymous-ok");
            try (BlockingEngineConnection router = BlockingEngineConnection.secured(
                listener.accept(), SocketType.ROUTER,
                new ZapNullMechanism(new MechanismConfig(SocketType.ROUTER, null),
                    new ZapSettings(zap, "office", "127.0.0.1", new byte[0], false))))
            {
                assertTrue(router.handshake(), () -> "handshake failed: " + router.listener.failureReason);
                assertEquals("NULL", new String(zap.requests.get(0)[5]));
                assertEquals("office", new String(zap.requests.get(0)[2]));
                assertEquals(6, zap.requests.get(0).length, "NULL sends no credentials");
                assertEquals("anonymous-ok", router.engine.mechanism().userId());
                peer.send("q", bytes("hi"));
                assertArrayEquals(bytes("hi"), router.receive().get(0));
            }
        }
    }

    @Test
    void zapRefusesALibzmqNullClient() throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "DEALER");
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            final SecurityTestZap zap = new SecurityTestZap("x", bytes("a credential NULL never sends"));
            try (BlockingEngineConnection router = BlockingEngineConnection.secured(
                listener.accept(), SocketType.ROUTER,
                new ZapNullMechanism(new MechanismConfig(SocketType.ROUTER, null),
                    new ZapSettings(zap, "office", "127.0.0.1", new byte[0], false))))
            {
                assertFalse(router.handshake());
                assertEquals(EngineFailure.HANDSHAKE_REFUSED, router.listener.failure);
                assertEquals(SecurityFailure.AUTHENTICATION_FAILED, router.engine.securityFailure());
            }
        }
    }
}
