package io.ringmq.engine;

import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.crypto.CurveKeys;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket-level network behaviour against scripted raw peers: heartbeat timeouts, reconnection back-off, a ZMTP
 * 2.0 peer, and secret keys zeroed on close.
 */
@Timeout(60)
class NetworkBehaviourTest
{
    private Context context;

    @BeforeEach
    void start()
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    private static int awaitEvent(final BlockingQueue<long[]> events, final int wanted) throws InterruptedException
    {
        while (true)
        {
            final long[] event = events.poll(15, TimeUnit.SECONDS);
            assertNotNull(event, "no " + MonitorEvent.name(wanted));
            if (event[0] == wanted)
            {
                return (int)event[1];
            }
        }
    }

    @Test
    void heartbeatTimeoutDropsAPeerThatFallsSilent() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket dealer = context.socket(SocketType.DEALER))
        {
            final BlockingQueue<long[]> events = new LinkedBlockingQueue<>();
            dealer.monitor((MonitorEvent.Listener)(event, value, endpoint) -> events.add(new long[]{event, value}),
                MonitorEvent.ALL);
            dealer.setOption(SocketOption.HEARTBEAT_IVL, 50);
            dealer.setOption(SocketOption.HEARTBEAT_TIMEOUT, 200);
            dealer.setOption(SocketOption.RECONNECT_IVL, -1);
            dealer.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (java.net.Socket peer = server.accept())
            {
                // A peer that completes the handshake, then never answers a PING.
                final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
                int length = GreetingDescriptor.encode(out, 0, Mechanism.NULL, false);
                length += CommandEncoder.encodeReady(out, length, SocketType.DEALER.wire(), null, 0, 0);
                peer.getOutputStream().write(out.byteArray(), 0, length);
                awaitEvent(events, MonitorEvent.HANDSHAKE_SUCCEEDED);
                awaitEvent(events, MonitorEvent.DISCONNECTED);
            }
        }
    }

    @Test
    void reconnectIntervalDoublesUpToTheMaximum() throws Exception
    {
        final int port;
        try (ServerSocket closed = new ServerSocket(0))
        {
            port = closed.getLocalPort();
        }
        try (Socket push = context.socket(SocketType.PUSH))
        {
            final BlockingQueue<long[]> events = new LinkedBlockingQueue<>();
            push.monitor((MonitorEvent.Listener)(event, value, endpoint) -> events.add(new long[]{event, value}),
                MonitorEvent.CONNECT_RETRIED);
            push.setOption(SocketOption.RECONNECT_IVL, 10);
            push.setOption(SocketOption.RECONNECT_IVL_MAX, 40);
            push.connect("tcp://127.0.0.1:" + port);
            final List<Integer> intervals = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                intervals.add(awaitEvent(events, MonitorEvent.CONNECT_RETRIED));
            }
            assertEquals(List.of(10, 20, 40, 40, 40), intervals);
        }
    }

    @Test
    void zmtp20PeerOverARawSocket() throws Exception
    {
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            final URI uri = URI.create(pull.lastEndpoint());
            try (java.net.Socket old = new java.net.Socket(uri.getHost(), uri.getPort()))
            {
                old.setSoTimeout(10_000);
                // libzmq 3.x: signature, revision 1, socket type PUSH; then an empty identity and a message.
                final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);
                out.putByte(0, (byte)0xFF);
                out.putByte(9, (byte)0x7F);
                out.putByte(10, (byte)GreetingDescriptor.REVISION_2_0);
                out.putByte(11, (byte)SocketType.PUSH.number());
                int length = 12;
                length += FrameDescriptor.encodeHeader(out, length, 0, 0);
                final byte[] body = "from 2013".getBytes(StandardCharsets.US_ASCII);
                length += FrameDescriptor.encodeFrame(out, length, 0, new UnsafeBuffer(body), 0, body.length);
                final OutputStream os = old.getOutputStream();
                os.write(out.byteArray(), 0, length);
                os.flush();
                assertEquals("from 2013", pull.recvString());

                final byte[] greeting = new byte[12];
                final InputStream in = old.getInputStream();
                int read = 0;
                while (read < 12)
                {
                    read += in.read(greeting, read, 12 - read);
                }
                assertEquals((byte)0xFF, greeting[0]);
                assertEquals(SocketType.PULL.number(), greeting[11], "a 2.0 peer gets our socket type in byte 11");
            }
        }
    }

    @Test
    void secretKeysAreZeroedWhenTheSocketCloses()
    {
        final CurveKeys.KeyPair keys = CurveKeys.generateKeyPair();
        final Socket server = context.socket(SocketType.REP);
        server.setOption(SocketOption.CURVE_SERVER, true);
        server.setOption(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
        server.setOption(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        server.bind("tcp://127.0.0.1:*");
        final byte[] held = server.options.security.curveSecretKey;
        assertArrayEquals(keys.secretKey(), held);
        server.close();
        assertArrayEquals(new byte[32], held, "the socket's copy of the secret is zeroed");
        assertTrue(server.isClosed());
    }
}
