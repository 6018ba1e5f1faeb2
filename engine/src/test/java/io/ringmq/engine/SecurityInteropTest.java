package io.ringmq.engine;

import io.ringmq.codecs.Z85;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CURVE, PLAIN and ZAP through sockets against libzmq 4.3: options in binary and Z85 forms, keys made by either
 * side, ringmq's built-in authenticator deciding for libzmq clients, User-Id on received messages.
 */
@Timeout(60)
@ExtendWith(LibzmqPeerExtension.class)
class SecurityInteropTest
{
    private Context context;
    private LibzmqPeer peer;

    @BeforeEach
    void start(final LibzmqPeer peer)
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
        this.peer = peer;
    }

    @AfterEach
    void stop()
    {
        context.close(); // then the extension stops the peer
    }

    @Test
    void ringmqCurveServerWithLibzmqClientAndKeysFromBothSides()
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final String[] client = peer.command("keypair").split(" ");
        try (Socket rep = context.socket(SocketType.REP))
        {
            rep.setOption(SocketOption.CURVE_SERVER, true);
            rep.setOption(SocketOption.CURVE_SECRETKEY, server.secretKeyZ85().getBytes(StandardCharsets.US_ASCII));
            rep.setOption(SocketOption.CURVE_PUBLICKEY, server.publicKey());
            rep.setOption(SocketOption.RCVTIMEO, 10_000);
            context.authenticator(new Authenticator().allowCurveKey(Z85.decode(client[1])));
            rep.bind("tcp://127.0.0.1:*");

            peer.socket("req", "REQ");
            peer.command("opt req CURVE_SERVERKEY " + server.publicKeyZ85());
            peer.command("opt req CURVE_PUBLICKEY " + client[1]);
            peer.command("opt req CURVE_SECRETKEY " + client[2]);
            peer.connect("req", rep.lastEndpoint());
            peer.send("req", bytes("secret question"));
            assertEquals("secret question", rep.recvString());
            assertEquals(client[1], rep.property("User-Id"), "the authenticator's User-Id is the client key");
            assertTrue(rep.send("secret answer"));
            assertArrayEquals(bytes("secret answer"), peer.recv("req", 10_000).get(0));
        }
    }

    @Test
    void ringmqCurveClientOfLibzmqServer()
    {
        final String[] server = peer.command("keypair").split(" ");
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        peer.socket("rep", "REP");
        peer.command("opt rep CURVE_SERVER 1");
        peer.command("opt rep CURVE_SECRETKEY " + server[2]);
        final String endpoint = peer.bind("rep", "tcp://127.0.0.1:0");
        try (Socket req = context.socket(SocketType.REQ))
        {
            req.setOption(SocketOption.CURVE_SERVERKEY, server[1].getBytes(StandardCharsets.US_ASCII));
            req.setOption(SocketOption.CURVE_PUBLICKEY, client.publicKey());
            req.setOption(SocketOption.CURVE_SECRETKEY, client.secretKey());
            req.setOption(SocketOption.RCVTIMEO, 10_000);
            req.connect(endpoint);
            assertTrue(req.send("hello over curve"));
            assertArrayEquals(bytes("hello over curve"), peer.recv("rep", 10_000).get(0));
            peer.send("rep", bytes("welcome"));
            assertEquals("welcome", req.recvString());
        }
    }

    @Test
    void authenticatorRefusesUnknownCurveKeysAndTheConnectionFailsWithAnEvent() throws Exception
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final String[] stranger = peer.command("keypair").split(" ");
        final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.setOption(SocketOption.CURVE_SERVER, true);
            pull.setOption(SocketOption.CURVE_SECRETKEY, server.secretKey());
            pull.setOption(SocketOption.CURVE_PUBLICKEY, server.publicKey());
            pull.setOption(SocketOption.RCVTIMEO, 500);
            pull.monitor((MonitorEvent.Listener)(event, value, endpoint) -> events.add(event), MonitorEvent.ALL);
            context.authenticator(new Authenticator().allowCurveKey(CurveKeys.generateKeyPair().publicKey()));
            pull.bind("tcp://127.0.0.1:*");
            peer.socket("push", "PUSH");
            peer.command("opt push CURVE_SERVERKEY " + server.publicKeyZ85());
            peer.command("opt push CURVE_PUBLICKEY " + stranger[1]);
            peer.command("opt push CURVE_SECRETKEY " + stranger[2]);
            peer.connect("push", pull.lastEndpoint());
            peer.send("push", bytes("let me in"));
            Integer event;
            do
            {
                event = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(event, "no handshake failure reported");
            }
            while (event != MonitorEvent.HANDSHAKE_FAILED_AUTH);
            assertNull(pull.recv(), "nothing from a refused client");
        }
    }

    @Test
    void plainBothWaysWithTheBuiltInAuthenticatorAndLibzmqsZap()
    {
        context.authenticator(new Authenticator().plainUser("admin", "s3cret"));
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.setOption(SocketOption.PLAIN_SERVER, true);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            peer.socket("push", "PUSH");
            peer.command("opt push PLAIN_USERNAME admin");
            peer.command("opt push PLAIN_PASSWORD s3cret");
            peer.connect("push", pull.lastEndpoint());
            peer.send("push", bytes("plain text"));
            assertEquals("plain text", pull.recvString());
            assertEquals("admin", pull.property("User-Id"));
        }

        peer.command("zap 200 libzmq-user");
        peer.socket("pull", "PULL");
        peer.command("opt pull PLAIN_SERVER 1");
        final String endpoint = peer.bind("pull", "tcp://127.0.0.1:0");
        try (Socket push = context.socket(SocketType.PUSH))
        {
            push.setOption(SocketOption.PLAIN_USERNAME, "me");
            push.setOption(SocketOption.PLAIN_PASSWORD, "pw");
            push.connect(endpoint);
            assertTrue(push.send("to libzmq"));
            assertArrayEquals(bytes("to libzmq"), peer.recv("pull", 10_000).get(0));
            assertTrue(peer.command("zaplog").contains("PLAIN:" + hex("me") + hex("pw")),
                "libzmq's ZAP saw our credentials");
        }
    }

    @Test
    void zapHandlerBoundByTheApplicationDecides()
    {
        // The application's own ZAP handler: a REP bound at the well-known endpoint, as with libzmq.
        try (Socket handler = context.socket(SocketType.REP); Socket pull = context.socket(SocketType.PULL))
        {
            handler.bind("inproc://zeromq.zap.01");
            handler.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.setOption(SocketOption.PLAIN_SERVER, true);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            peer.socket("push", "PUSH");
            peer.command("opt push PLAIN_USERNAME alice");
            peer.command("opt push PLAIN_PASSWORD wonderland");
            peer.connect("push", pull.lastEndpoint());
            peer.send("push", bytes("via application ZAP"));

            final byte[] version = handler.recv();
            assertEquals("1.0", new String(version, StandardCharsets.US_ASCII));
            final byte[] requestId = handler.recv();
            handler.recv(); // domain
            assertEquals("127.0.0.1", handler.recvString());
            handler.recv(); // routing id
            assertEquals("PLAIN", handler.recvString());
            assertEquals("alice", handler.recvString());
            assertEquals("wonderland", handler.recvString());
            handler.sendMore("1.0");
            handler.sendMore(requestId);
            handler.sendMore("200");
            handler.sendMore("OK");
            handler.sendMore("alice-id");
            handler.send(new byte[0]);
            assertEquals("via application ZAP", pull.recvString());
            assertEquals("alice-id", pull.property("User-Id"));
        }
    }

    private static String hex(final String text)
    {
        return java.util.HexFormat.of().formatHex(bytes(text));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
