package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every socket pair against libzmq 4.3, ringmq binding and libzmq connecting and the reverse, over tcp and ipc:
 * multipart messages with empty and binary frames, envelopes, routing ids and subscriptions.
 */
@Timeout(60)
@ExtendWith(LibzmqPeerExtension.class)
class LibzmqInteropTest
{
    private static final byte[] BINARY = {0, (byte)0xFF, 0x7F, (byte)0x80, 1, 0, 2};
    private static final byte[] EMPTY = new byte[0];

    private Context context;
    private LibzmqPeer peer;
    @TempDir
    Path dir;

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

    static Stream<Arguments> pairs()
    {
        final List<Arguments> cases = new ArrayList<>();
        final String[][] pairs = {
            {"PAIR", "PAIR"}, {"PUSH", "PULL"}, {"PULL", "PUSH"}, {"REQ", "REP"}, {"REP", "REQ"},
            {"DEALER", "ROUTER"}, {"ROUTER", "DEALER"}, {"DEALER", "DEALER"}, {"REQ", "ROUTER"}, {"DEALER", "REP"},
            {"PUB", "SUB"}, {"SUB", "PUB"}, {"XPUB", "SUB"}, {"XSUB", "XPUB"}, {"SUB", "XPUB"}, {"PUB", "XSUB"}};
        for (final String transport : new String[]{"tcp", "ipc"})
        {
            for (final boolean ringmqBinds : new boolean[]{true, false})
            {
                for (final String[] pair : pairs)
                {
                    cases.add(Arguments.of(pair[0], pair[1], transport, ringmqBinds));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "ringmq {0} / libzmq {1} over {2}, ringmq binds: {3}")
    @MethodSource("pairs")
    void conversation(final String ours, final String theirs, final String transport, final boolean ringmqBinds)
    {
        final Socket socket = context.socket(SocketType.valueOf(ours));
        socket.setOption(SocketOption.RCVTIMEO, 10_000);
        socket.setOption(SocketOption.SNDTIMEO, 10_000);
        socket.setOption(SocketOption.LINGER, 0);
        if (ours.equals("DEALER") || ours.equals("REQ"))
        {
            socket.setOption(SocketOption.ROUTING_ID, bytes("ours"));
        }
        peer.socket("p", theirs);
        if (theirs.equals("DEALER") || theirs.equals("REQ"))
        {
            peer.command("opt p ROUTING_ID theirs");
        }
        final String endpoint;
        if (ringmqBinds)
        {
            socket.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve("r.sock"));
            endpoint = socket.lastEndpoint();
            peer.connect("p", endpoint);
        }
        else
        {
            endpoint = peer.bind("p", transport.equals("tcp") ? "tcp://127.0.0.1:0" : "ipc://" + dir.resolve("z.sock"));
            socket.connect(endpoint);
        }
        switch (ours + "/" + theirs)
        {
            case "PAIR/PAIR":
            case "DEALER/DEALER":
                sendOurs(socket, bytes("a"), EMPTY, BINARY);
                assertFrames(peer.recv("p", 10_000), bytes("a"), EMPTY, BINARY);
                peer.send("p", BINARY, EMPTY);
                assertFrames(recvOurs(socket), BINARY, EMPTY);
                break;
            case "PUSH/PULL":
                sendOurs(socket, bytes("job"), EMPTY, BINARY);
                assertFrames(peer.recv("p", 10_000), bytes("job"), EMPTY, BINARY);
                break;
            case "PULL/PUSH":
                peer.send("p", bytes("job"), EMPTY, BINARY);
                assertFrames(recvOurs(socket), bytes("job"), EMPTY, BINARY);
                break;
            case "REQ/REP":
                sendOurs(socket, bytes("question"), BINARY);
                assertFrames(peer.recv("p", 10_000), bytes("question"), BINARY);
                peer.send("p", bytes("answer"));
                assertFrames(recvOurs(socket), bytes("answer"));
                break;
            case "REP/REQ":
                peer.send("p", bytes("question"), EMPTY);
                assertFrames(recvOurs(socket), bytes("question"), EMPTY);
                sendOurs(socket, bytes("answer"));
                assertFrames(peer.recv("p", 10_000), bytes("answer"));
                break;
            case "DEALER/ROUTER":
                sendOurs(socket, bytes("x"), EMPTY);
                assertFrames(peer.recv("p", 10_000), bytes("ours"), bytes("x"), EMPTY);
                peer.send("p", bytes("ours"), bytes("y"));
                assertFrames(recvOurs(socket), bytes("y"));
                break;
            case "ROUTER/DEALER":
                peer.send("p", bytes("x"), BINARY);
                assertFrames(recvOurs(socket), bytes("theirs"), bytes("x"), BINARY);
                sendOurs(socket, bytes("theirs"), bytes("y"));
                assertFrames(peer.recv("p", 10_000), bytes("y"));
                break;
            case "REQ/ROUTER":
                sendOurs(socket, bytes("hello"));
                assertFrames(peer.recv("p", 10_000), bytes("ours"), EMPTY, bytes("hello"));
                peer.send("p", bytes("ours"), EMPTY, bytes("world"));
                assertFrames(recvOurs(socket), bytes("world"));
                break;
            case "DEALER/REP":
                sendOurs(socket, EMPTY, bytes("hello"));
                assertFrames(peer.recv("p", 10_000), bytes("hello"));
                peer.send("p", bytes("world"));
                assertFrames(recvOurs(socket), EMPTY, bytes("world"));
                break;
            case "PUB/SUB":
            case "PUB/XSUB":
                if (theirs.equals("SUB"))
                {
                    peer.command("opt p SUBSCRIBE news");
                }
                else
                {
                    peer.send("p", bytes("\u0001news"));
                }
                // The subscription travels upstream after the connection: publish until it has arrived.
                List<byte[]> got = null;
                for (int i = 0; i < 200 && got == null; i++)
                {
                    sendOurs(socket, bytes("sport"));
                    sendOurs(socket, bytes("news flash"), BINARY);
                    got = peer.recv("p", 50);
                }
                assertNotNull(got, "libzmq never received a matching message");
                assertFrames(got, bytes("news flash"), BINARY);
                break;
            case "SUB/PUB":
            case "SUB/XPUB":
                socket.setOption(SocketOption.SUBSCRIBE, bytes("news"));
                if (theirs.equals("XPUB"))
                {
                    assertFrames(untilPeerReceives(socket), bytes("\u0001news"));
                }
                socket.setOption(SocketOption.RCVTIMEO, 50);
                byte[][] received = null;
                for (int i = 0; i < 200 && received == null; i++)
                {
                    peer.send("p", bytes("sport"));
                    peer.send("p", bytes("news flash"), EMPTY);
                    received = recvOursOrNull(socket);
                }
                assertNotNull(received, "ringmq never received a matching message");
                assertFrames(List.of(received), bytes("news flash"), EMPTY);
                break;
            case "XPUB/SUB":
                peer.command("opt p SUBSCRIBE news");
                // Each side takes a new connection in when its application next calls the socket (libzmq too).
                socket.setOption(SocketOption.RCVTIMEO, 50);
                byte[][] subscription = null;
                for (int i = 0; i < 200 && subscription == null; i++)
                {
                    peer.recv("p", 0);
                    subscription = recvOursOrNull(socket);
                }
                assertNotNull(subscription, "the subscription never arrived");
                assertFrames(List.of(subscription), bytes("\u0001news"));
                sendOurs(socket, bytes("news flash"));
                assertFrames(peer.recv("p", 10_000), bytes("news flash"));
                break;
            case "XSUB/XPUB":
                sendOurs(socket, bytes("\u0001news"));
                assertFrames(untilPeerReceives(socket), bytes("\u0001news"));
                peer.send("p", bytes("news flash"));
                assertFrames(recvOurs(socket), bytes("news flash"));
                break;
            default:
                throw new AssertionError("no conversation for " + ours + "/" + theirs);
        }
        socket.close();
    }

    /**
     * Calls into our socket between waits on the peer, as an application does: a socket takes in connections
     * that completed their handshake (and replays its subscriptions to them) when its application calls it.
     */
    private List<byte[]> untilPeerReceives(final Socket socket)
    {
        for (int i = 0; i < 200; i++)
        {
            socket.recv(Socket.DONTWAIT);
            final List<byte[]> got = peer.recv("p", 50);
            if (got != null)
            {
                return got;
            }
        }
        return null;
    }

    private static void sendOurs(final Socket socket, final byte[]... frames)
    {
        for (int i = 0; i < frames.length; i++)
        {
            final boolean sent = i < frames.length - 1 ? socket.sendMore(frames[i]) : socket.send(frames[i]);
            assertTrue(sent, "send timed out");
        }
    }

    private static List<byte[]> recvOurs(final Socket socket)
    {
        final byte[][] message = recvOursOrNull(socket);
        assertNotNull(message, "ringmq received nothing");
        return List.of(message);
    }

    private static byte[][] recvOursOrNull(final Socket socket)
    {
        final List<byte[]> frames = new ArrayList<>();
        do
        {
            final byte[] frame = socket.recv();
            if (frame == null)
            {
                return null;
            }
            frames.add(frame);
        }
        while (socket.hasMore());
        return frames.toArray(new byte[0][]);
    }

    private static void assertFrames(final List<byte[]> actual, final byte[]... expected)
    {
        assertNotNull(actual, "no message");
        assertEquals(expected.length, actual.size(), "frame count");
        for (int i = 0; i < expected.length; i++)
        {
            assertArrayEquals(expected[i], actual.get(i), "frame " + i);
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
