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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONFLATE on tcp and ipc against libzmq 4.3 (it was accepted there and ignored): a conflating ringmq receiver
 * keeps only the newest of what a libzmq sender queued, a conflating ringmq sender never pushes back and its newest
 * message always arrives, for PUSH/PULL, PUB/SUB and DEALER.
 * <p>
 * Where the SUB filter applies: libzmq's PUB filters before sending (the subscription travels to it), so a
 * conflating SUB holds the newest <em>matching</em> message and a non-matching one never displaces it. Multipart:
 * libzmq's conflating pipe holds single frames, so of a multipart message only its last frame survives (libzmq's
 * documentation: "does not support multi-part messages"); ringmq keeps the newest whole message.
 */
@Timeout(60)
@ExtendWith(LibzmqPeerExtension.class)
class ConflateInteropTest
{
    private static final int MESSAGES = 1_000;

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

    static Stream<Arguments> receivers()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final String transport : new String[]{"tcp", "ipc"})
        {
            cases.add(Arguments.of(transport, "PULL", "PUSH"));
            cases.add(Arguments.of(transport, "SUB", "PUB"));
            cases.add(Arguments.of(transport, "DEALER", "DEALER"));
        }
        return cases.stream();
    }

    private String endpoint(final String transport, final String name)
    {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve(name + ".sock");
    }

    @ParameterizedTest(name = "ringmq {1} (CONFLATE) from libzmq {2} over {0}")
    @MethodSource("receivers")
    void aConflatingReceiverKeepsOnlyTheNewest(final String transport, final String ours, final String theirs)
        throws Exception
    {
        final Socket socket = context.socket(SocketType.valueOf(ours));
        socket.setOption(SocketOption.CONFLATE, true);
        socket.setOption(SocketOption.RCVTIMEO, 10_000);
        if (ours.equals("SUB"))
        {
            socket.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
        }
        socket.bind(endpoint(transport, "conflate"));
        peer.socket("p", theirs);
        peer.command("opt p SNDHWM 0");
        peer.connect("p", socket.lastEndpoint());
        if (ours.equals("SUB"))
        {
            // Until the subscription has reached libzmq's PUB, it sends to nobody: probe until one arrives.
            final long deadline = System.nanoTime() + 10_000_000_000L;
            socket.setOption(SocketOption.RCVTIMEO, 50);
            while (socket.recv(0) < 0)
            {
                assertTrue(System.nanoTime() - deadline < 0, "the subscription never reached libzmq");
                peer.send("p", "A-probe".getBytes());
            }
            socket.setOption(SocketOption.RCVTIMEO, 10_000);
        }
        for (int i = 0; i < MESSAGES; i++)
        {
            peer.send("p", ("A" + i).getBytes());
            if (ours.equals("SUB"))
            {
                peer.send("p", ("B" + i).getBytes()); // filtered out by libzmq's PUB: never displaces an A
            }
        }
        peer.send("p", "A-last".getBytes());
        // Read only once everything has been queued: what arrived in the meantime was conflated.
        final List<String> received = new ArrayList<>();
        while (true)
        {
            final String message = socket.recvString();
            assertNotNull(message, "the newest message never arrived; got " + received);
            if (message.equals("A-last"))
            {
                break;
            }
            received.add(message);
        }
        assertTrue(received.size() < MESSAGES / 10,
            received.size() + " of " + MESSAGES + " stale messages were kept: CONFLATE did not apply");
        int previous = -1;
        for (final String message : received)
        {
            final int number = Integer.parseInt(message.substring(1));
            assertTrue(number > previous, "newer only, in order: " + received);
            previous = number;
        }
        socket.setOption(SocketOption.RCVTIMEO, 200);
        assertEquals(null, socket.recvString(), "nothing after the newest");
    }

    @ParameterizedTest(name = "ringmq {2} (CONFLATE) to libzmq {1} over {0}")
    @MethodSource("receivers")
    void aConflatingSenderNeverPushesBackAndItsNewestArrives(
        final String transport, final String theirs, final String ours) throws Exception
    {
        final Socket socket = context.socket(SocketType.valueOf(ours));
        socket.setOption(SocketOption.CONFLATE, true);
        socket.setOption(SocketOption.SNDHWM, 1);
        socket.setOption(SocketOption.LINGER, 5_000);
        peer.socket("p", theirs);
        if (theirs.equals("SUB"))
        {
            peer.command("opt p SUBSCRIBE A");
        }
        final String bound = peer.bind("p", transport.equals("tcp") ? "tcp://127.0.0.1:0" :
            "ipc://" + dir.resolve("theirs.sock"));
        socket.connect(bound);
        if (ours.equals("PUB"))
        {
            // Wait for libzmq's subscription: a PUB drops what nobody subscribed to.
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (true)
            {
                socket.send("A-probe");
                if (peer.recv("p", 50) != null)
                {
                    break;
                }
                assertTrue(System.nanoTime() - deadline < 0, "libzmq's subscription never arrived");
            }
        }
        for (int i = 0; i < MESSAGES; i++)
        {
            assertEquals(Status.OK, socket.send(("A" + i).getBytes(), Socket.DONTWAIT),
                "a conflating pipe never pushes back (SNDHWM 1)");
        }
        assertEquals(Status.OK, socket.send("A-last".getBytes(), Socket.DONTWAIT));
        int previous = -1;
        while (true)
        {
            final List<byte[]> message = peer.recv("p", 10_000);
            assertNotNull(message, "the newest message never arrived");
            final String text = new String(message.get(0));
            if (text.equals("A-last"))
            {
                break;
            }
            if (text.equals("A-probe"))
            {
                continue;
            }
            final int number = Integer.parseInt(text.substring(1));
            assertTrue(number > previous, "in order, never repeated");
            previous = number;
        }
        assertEquals(null, peer.recv("p", 200), "nothing after the newest");
    }
}
