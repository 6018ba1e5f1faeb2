package io.ringmq.engine;

import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.interop.LibzmqPeer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inputs of libzmq's published vulnerabilities, replayed over tcp against ringmq sockets in this JVM, each
 * test named after its advisory. Each asserts that the attacking connection is dropped where it must be (ringmq
 * refuses ZMTP 1.0 peers at the greeting, so the two 1.0 attacks end there) and that the process and every other
 * peer are unaffected: a libzmq 4.3 peer completes a round trip afterwards.
 */
@Timeout(120)
@ExtendWith(LibzmqPeerExtension.class)
class CveReplayTest
{
    private static final long DROP_WITHIN_MS = 10_000;

    private Context context;
    private LibzmqPeers peers;

    @BeforeEach
    void start(final LibzmqPeers peers)
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
        this.peers = peers;
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    private Socket bound(final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.setOption(SocketOption.RCVTIMEO, 10_000);
        socket.setOption(SocketOption.SNDTIMEO, 10_000);
        socket.setOption(SocketOption.LINGER, 0);
        return socket;
    }

    private static byte[] greeting(final Mechanism mechanism)
    {
        final UnsafeBuffer greeting = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH]);
        GreetingDescriptor.encode(greeting, 0, mechanism, false);
        return greeting.byteArray();
    }

    private static byte[] ready(final SocketType type)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = CommandEncoder.encodeReady(buffer, 0, type.wire(), new UnsafeBuffer(new byte[0]), 0, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    /** A command frame: name length, name, data; the long form when the body needs it. */
    private static byte[] command(final String name, final byte[] data)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(name.length());
        body.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(data);
        return frame(0x04, body.toByteArray());
    }

    private static byte[] frame(final int flags, final byte[] body)
    {
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        if (body.length > 255)
        {
            frame.write(flags | 0x02);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                frame.write((int)((long)body.length >>> shift));
            }
        }
        else
        {
            frame.write(flags);
            frame.write(body.length);
        }
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static void assertDropped(final String endpoint, final byte[] attack) throws Exception
    {
        try (RawPeer attacker = RawPeer.connect(endpoint))
        {
            attacker.write(attack);
            assertTrue(attacker.closedByPeerWithin(DROP_WITHIN_MS), "the attacking connection was dropped");
        }
    }

    /** A libzmq REQ (plain text, or a CURVE client when keys are given) asks the REP server and gets its answer. */
    private void libzmqRoundTrip(final Socket rep, final String serverKeyZ85)
    {
        final LibzmqPeer peer = peers.start();
        peer.socket("req", "REQ");
        if (serverKeyZ85 != null)
        {
            final String[] keys = peer.command("keypair").split(" ");
            peer.command("opt req CURVE_SERVERKEY " + serverKeyZ85);
            peer.command("opt req CURVE_PUBLICKEY " + keys[1]);
            peer.command("opt req CURVE_SECRETKEY " + keys[2]);
        }
        peer.connect("req", rep.lastEndpoint());
        peer.send("req", "after the attack".getBytes(StandardCharsets.US_ASCII));
        assertEquals("after the attack", rep.recvString(), "ringmq got libzmq's request");
        assertTrue(rep.send("still serving"));
        final List<byte[]> reply = peer.recv("req", 10_000);
        assertNotNull(reply, "libzmq got no reply");
        assertArrayEquals("still serving".getBytes(StandardCharsets.US_ASCII), reply.get(0));
    }

    private Socket curveServer(final CurveKeys.KeyPair keys)
    {
        final Socket rep = bound(SocketType.REP);
        rep.setOption(SocketOption.CURVE_SERVER, true);
        rep.setOption(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        rep.setOption(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
        rep.bind("tcp://127.0.0.1:*");
        return rep;
    }

    /**
     * CVE-2019-6250: libzmq 4.2.x/4.3.0 added a peer's 64-bit frame size to its read pointer, so a size near 2^64
     * wrapped the pointer and the body overwrote memory. Here every size is read unsigned and checked before a byte
     * is copied: the connection is refused at the header.
     */
    @Test
    void cve_2019_6250_aFrameSizeThatWouldWrapTheReadPointerIsRefused() throws Exception
    {
        try (Socket rep = bound(SocketType.REP))
        {
            rep.bind("tcp://127.0.0.1:*");
            final byte[] wrapping = {0x02, -1, -1, -1, -1, -1, -1, -1, (byte)0xF0};
            assertDropped(rep.lastEndpoint(),
                concat(greeting(Mechanism.NULL), ready(SocketType.REQ), wrapping, new byte[64]));
            libzmqRoundTrip(rep, null);
        }
    }

    /**
     * CVE-2019-13132: libzmq's CURVE server copied an INITIATE's metadata into a fixed buffer before decrypting it,
     * so a client that sent a valid HELLO then an INITIATE with more than 256 bytes of metadata overflowed the
     * stack without knowing any key. Here the HELLO is real (made by ringmq's CURVE client for the server's key) and
     * the INITIATE carries 8 KiB of garbage where the cookie, vouch and metadata go: the connection is dropped.
     */
    @Test
    void cve_2019_13132_anInitiateWithOversizedMetadataBeforeDecryptionIsDropped() throws Exception
    {
        final CurveKeys.KeyPair serverKeys = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair clientKeys = CurveKeys.generateKeyPair();
        try (Socket rep = curveServer(serverKeys))
        {
            final CurveMechanism client = CurveMechanism.client(new MechanismConfig(SocketType.REQ.wire(), null),
                serverKeys.publicKey(), clientKeys.publicKey(), clientKeys.secretKey());
            final UnsafeBuffer helloBody = new UnsafeBuffer(new byte[512]);
            final int helloLength = client.produceCommand(helloBody, 0);
            final byte[] hello = frame(0x04, Arrays.copyOf(helloBody.byteArray(), helloLength));
            final byte[] garbage = new byte[8 * 1024];
            Arrays.fill(garbage, (byte)0x41);
            try (RawPeer attacker = RawPeer.connect(rep.lastEndpoint()))
            {
                attacker.write(concat(greeting(Mechanism.CURVE), hello));
                attacker.write(command("INITIATE", garbage));
                assertTrue(attacker.closedByPeerWithin(DROP_WITHIN_MS), "the attacking connection was dropped");
            }
            client.close();
            libzmqRoundTrip(rep, serverKeys.publicKeyZ85());
        }
    }

    /**
     * CVE-2020-15166: libzmq kept state for every unauthenticated connection to a CURVE or ZAP socket, so raw TCP
     * connections that never finished (or never began) the handshake exhausted the server. Here 64 connections that
     * say nothing, 64 that send a CURVE greeting and stop, and 64 that send garbage: the garbage ones are dropped,
     * and a legitimate libzmq CURVE client asking ZAP completes a round trip while the silent ones are still open.
     */
    @Test
    void cve_2020_15166_rawConnectionsToACurveZapSocketDoNotStarveLegitimateClients() throws Exception
    {
        final CurveKeys.KeyPair serverKeys = CurveKeys.generateKeyPair();
        context.authenticator(new Authenticator().allowAnyCurveKey());
        try (Socket rep = bound(SocketType.REP))
        {
            rep.setOption(SocketOption.ZAP_DOMAIN, "global");
            rep.setOption(SocketOption.CURVE_SERVER, true);
            rep.setOption(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
            rep.setOption(SocketOption.CURVE_PUBLICKEY, serverKeys.publicKey());
            rep.bind("tcp://127.0.0.1:*");
            final List<RawPeer> idle = new ArrayList<>();
            try
            {
                for (int i = 0; i < 64; i++)
                {
                    idle.add(RawPeer.connect(rep.lastEndpoint()));
                    final RawPeer greeted = RawPeer.connect(rep.lastEndpoint());
                    greeted.write(greeting(Mechanism.CURVE));
                    idle.add(greeted);
                }
                for (int i = 0; i < 64; i++)
                {
                    final byte[] garbage = new byte[300];
                    Arrays.fill(garbage, (byte)(i + 1));
                    assertDropped(rep.lastEndpoint(), concat(greeting(Mechanism.CURVE), garbage));
                }
                libzmqRoundTrip(rep, serverKeys.publicKeyZ85());
                for (final RawPeer peer : idle)
                {
                    assertTrue(peer.isOpen());
                }
            }
            finally
            {
                for (final RawPeer peer : idle)
                {
                    peer.close();
                }
            }
        }
    }

    /**
     * A ZMTP 1.0 frame as libzmq's v1 decoder reads it: a one-byte length, or 0xFF and an 8-byte length (counting
     * the flags byte), then flags, then the body. To a ZMTP 3 reader its tenth byte, the flags, has bit 0 clear:
     * the mark of an unversioned peer.
     */
    private static byte[] zmtp10Frame(final long length, final byte[] body)
    {
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0xFF);
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            frame.write((int)(length >>> shift));
        }
        frame.write(0x00);
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    /**
     * CVE-2021-20235: libzmq's ZMTP 1.0 decoder reused an 8 KiB static buffer, so two messages over 8 KiB in a row
     * from a 1.0 peer overflowed it. ringmq refuses ZMTP 1.0 at the greeting: the peer is dropped before a body is
     * read.
     */
    @Test
    void cve_2021_20235_twoZmtp10MessagesOverEightKibAreRefusedAtTheGreeting() throws Exception
    {
        try (Socket rep = bound(SocketType.REP))
        {
            rep.bind("tcp://127.0.0.1:*");
            final byte[] body = new byte[9 * 1024];
            Arrays.fill(body, (byte)'x');
            final byte[] message = zmtp10Frame(body.length + 1, body);
            assertDropped(rep.lastEndpoint(), concat(message, message));
            libzmqRoundTrip(rep, null);
        }
    }

    /**
     * libzmq issue 1488: a ZMTP 1.0 frame announcing 0xFFFFFFFFFFFFFFDA bytes, whose size plus the header wrapped in
     * libzmq's v1 decoder. Refused at the greeting as every 1.0 peer is.
     */
    @Test
    void libzmq_issue_1488_aZmtp10LengthNearTwoToTheSixtyFourIsRefusedAtTheGreeting() throws Exception
    {
        try (Socket rep = bound(SocketType.REP))
        {
            rep.bind("tcp://127.0.0.1:*");
            assertDropped(rep.lastEndpoint(), zmtp10Frame(0xFFFFFFFFFFFFFFDAL, new byte[64]));
            libzmqRoundTrip(rep, null);
        }
    }

    /**
     * CVE-2021-20236: libzmq's subscription trie recursed once per topic byte, so subscribing a long topic and
     * cancelling it (or disconnecting) overflowed the stack of the I/O thread. Here a raw SUB subscribes 100,000
     * bytes of topic, cancels it, subscribes it again and disconnects; then a libzmq SUB subscribes and receives.
     */
    @Test
    void cve_2021_20236_aLongTopicSubscribedThenCancelledCostsNothing() throws Exception
    {
        try (Socket pub = bound(SocketType.PUB))
        {
            pub.bind("tcp://127.0.0.1:*");
            final byte[] topic = new byte[100_000];
            Arrays.fill(topic, (byte)'t');
            try (RawPeer attacker = RawPeer.connect(pub.lastEndpoint()))
            {
                attacker.write(concat(greeting(Mechanism.NULL), ready(SocketType.SUB),
                    command("SUBSCRIBE", topic), command("CANCEL", topic), command("SUBSCRIBE", topic)));
            }
            final LibzmqPeer peer = peers.start();
            peer.socket("sub", "SUB");
            peer.command("opt sub SUBSCRIBE news");
            peer.connect("sub", pub.lastEndpoint());
            List<byte[]> received = null;
            // PUB drops until the subscription has arrived: publish until the subscriber hears one.
            for (int attempt = 0; attempt < 100 && null == received; attempt++)
            {
                pub.send("news after the attack");
                received = peer.recv("sub", 100);
            }
            assertNotNull(received, "the libzmq subscriber heard nothing");
            assertArrayEquals("news after the attack".getBytes(StandardCharsets.US_ASCII), received.get(0));
        }
    }
}
