package io.ringmq.transports.connections;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.TransportOptions;
import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.agent.IoThreads;
import io.ringmq.transports.channels.Endpoint;
import io.ringmq.transports.zmtp.StreamEngineConfig;
import io.ringmq.rings.IdleStrategyKind;
import io.ringmq.rings.Pipe;

import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.interop.LibzmqPeer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tcp and ipc on an I/O agent, against libzmq 4.3 and against hostile raw peers. The agent runs on its own
 * thread with the block strategy; this test plays the socket through the pipe ends the agent attaches.
 */
@Timeout(90)
class TcpTransportTest
{
    private IoAgent agent;
    private AgentRunner runner;
    private LibzmqPeer peer;

    @BeforeEach
    void start()
    {
        agent = new IoAgent("test-io", SystemNanoClock.INSTANCE);
        runner = new AgentRunner(IoThreads.idleStrategy(IdleStrategyKind.BLOCK, agent), Throwable::printStackTrace,
            null, agent);
        AgentRunner.startOnThread(runner);
        peer = LibzmqPeer.start();
    }

    @AfterEach
    void stop()
    {
        agent.requestStop();
        runner.close();
        peer.close();
    }

    private static ConnectionConfig config(final SocketType type)
    {
        return config(new StreamEngineConfig(type));
    }

    private static ConnectionConfig config(final StreamEngineConfig engine)
    {
        return new ConnectionConfig(engine,
            address -> new NullMechanism(new MechanismConfig(engine.socketType(), null)),
            new TransportOptions().reconnectIvlMs(50).reconnectIvlMaxMs(400));
    }

    @Test
    void libzmqPushConnectsToRingmqPullOverTcp() throws Exception
    {
        final RecordingOwner owner = new RecordingOwner();
        final String bound = agent.bind(Endpoint.parse("tcp://127.0.0.1:*"), config(SocketType.PULL), owner);
        assertTrue(bound.matches("tcp://127\\.0\\.0\\.1:\\d+") && !bound.endsWith(":0"), bound);
        owner.awaitEvent("LISTENING");

        peer.socket("push", "PUSH");
        peer.connect("push", bound);
        final Pipe.End end = owner.nextEnd();
        final PeerInfo info = owner.peers.poll();
        assertEquals(SocketType.PUSH, info.socketType());
        assertEquals("127.0.0.1", info.peerAddress());

        peer.send("push", bytes("a"), new byte[0], bytes("c"));
        final List<byte[]> message = RecordingOwner.receive(end);
        assertEquals(3, message.size());
        assertArrayEquals(bytes("c"), message.get(2));
        assertTrue(owner.allEvents.toString().contains("ACCEPTED"), owner.allEvents.toString());
    }

    @Test
    void ringmqDealerConnectsToLibzmqRouterAndMessagesFlowBothWays() throws Exception
    {
        peer.socket("r", "ROUTER");
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        final RecordingOwner owner = new RecordingOwner();
        final StreamEngineConfig engine = new StreamEngineConfig(SocketType.DEALER);
        agent.connect(Endpoint.parse(endpoint), new ConnectionConfig(engine,
            address -> new NullMechanism(new MechanismConfig(SocketType.DEALER, bytes("dealer-9")))), owner);
        final Pipe.End end = owner.nextEnd();
        for (int i = 0; i < 100; i++)
        {
            RecordingOwner.send(end, bytes("msg-" + i));
        }
        for (int i = 0; i < 100; i++)
        {
            final List<byte[]> atRouter = peer.recv("r", 10_000);
            assertArrayEquals(bytes("dealer-9"), atRouter.get(0));
            assertArrayEquals(bytes("msg-" + i), atRouter.get(1), "in order");
        }
        peer.send("r", bytes("dealer-9"), bytes("back"));
        assertArrayEquals(bytes("back"), RecordingOwner.receive(end).get(0));
    }

    @Test
    void ipcBothWaysWithLibzmq(@TempDir final Path dir) throws Exception
    {
        final RecordingOwner owner = new RecordingOwner();
        final String ours = "ipc://" + dir.resolve("ringmq.sock");
        assertEquals(ours, agent.bind(Endpoint.parse(ours), config(SocketType.PAIR), owner));
        peer.socket("p", "PAIR");
        peer.connect("p", ours);
        final Pipe.End end = owner.nextEnd();
        peer.send("p", bytes("over ipc"));
        assertArrayEquals(bytes("over ipc"), RecordingOwner.receive(end).get(0));

        final String theirs = "ipc://" + dir.resolve("libzmq.sock");
        peer.socket("q", "PAIR");
        peer.bind("q", theirs);
        final RecordingOwner connector = new RecordingOwner();
        agent.connect(Endpoint.parse(theirs), config(SocketType.PAIR), connector);
        final Pipe.End other = connector.nextEnd();
        RecordingOwner.send(other, bytes("to libzmq"));
        assertArrayEquals(bytes("to libzmq"), peer.recv("q", 10_000).get(0));
    }

    @Test
    void connectBeforeBindRetriesThenConnects() throws Exception
    {
        final int port = freePort();
        final RecordingOwner owner = new RecordingOwner();
        agent.connect(Endpoint.parse("tcp://127.0.0.1:" + port), config(SocketType.PUSH), owner);
        owner.awaitEvent("CONNECT_RETRIED");
        peer.socket("pull", "PULL");
        peer.bind("pull", "tcp://127.0.0.1:" + port);
        final Pipe.End end = owner.nextEnd();
        RecordingOwner.send(end, bytes("late"));
        assertArrayEquals(bytes("late"), peer.recv("pull", 10_000).get(0));
    }

    @Test
    void reconnectsAfterTheLibzmqPeerIsKilledAndRestarted() throws Exception
    {
        peer.socket("pull", "PULL");
        final String endpoint = peer.bind("pull", "tcp://127.0.0.1:0");
        final RecordingOwner owner = new RecordingOwner();
        agent.connect(Endpoint.parse(endpoint), config(SocketType.PUSH), owner);
        final Pipe.End first = owner.nextEnd();
        RecordingOwner.send(first, bytes("one"));
        assertArrayEquals(bytes("one"), peer.recv("pull", 10_000).get(0));

        peer.close(); // the process ends: the connection drops
        owner.awaitEvent("DISCONNECTED");
        peer = LibzmqPeer.start();
        peer.socket("pull", "PULL");
        assertEquals(endpoint, peer.bind("pull", endpoint));
        final Pipe.End second = owner.nextEnd();
        RecordingOwner.send(second, bytes("two"));
        assertArrayEquals(bytes("two"), peer.recv("pull", 10_000).get(0));
        assertTrue(first.isDrainedAndPeerClosed(), "the old pipe was closed by the agent");
    }

    @Test
    void hostilePeersCostOnlyTheirOwnConnection() throws Exception
    {
        final RecordingOwner owner = new RecordingOwner();
        final String bound = agent.bind(Endpoint.parse("tcp://127.0.0.1:0"),
            config(new StreamEngineConfig(SocketType.PULL).handshakeIvl(TimeUnit.MILLISECONDS.toNanos(300))), owner);
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1",
            Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1)));

        peer.socket("good", "PUSH");
        peer.connect("good", bound);
        final Pipe.End good = owner.nextEnd();

        // Garbage instead of a greeting.
        try (Socket garbage = new Socket())
        {
            garbage.connect(address);
            garbage.getOutputStream().write(new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
            owner.awaitEvent("HANDSHAKE_FAILED_PROTOCOL");
        }

        // A peer that stops mid-greeting: the handshake deadline closes it.
        try (Socket silent = new Socket())
        {
            silent.connect(address);
            silent.getOutputStream().write(new byte[]{(byte)0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F});
            owner.awaitEvent("HANDSHAKE_FAILED_NO_DETAIL");
        }

        // An incompatible socket type (PUB to PULL): refused by whichever side reads the other's READY first,
        // so this side reports either its own refusal or libzmq's close. It is never attached.
        peer.socket("pub", "PUB");
        peer.connect("pub", bound);
        owner.awaitAnyEvent("HANDSHAKE_FAILED_AUTH", "DISCONNECTED");

        // A peer killed in the middle of a message: nothing of it reaches the socket.
        try (Socket half = new Socket())
        {
            half.connect(address);
            final OutputStream out = half.getOutputStream();
            final UnsafeBuffer bytes = new UnsafeBuffer(new byte[512]);
            int length = GreetingDescriptor.encode(bytes, 0, Mechanism.NULL, false);
            length += CommandEncoder.encodeReady(bytes, length, SocketType.PUSH, null, 0, 0);
            length += FrameDescriptor.encodeHeader(bytes, length, 0, 200);
            length += 50; // only a quarter of the body
            out.write(bytes.byteArray(), 0, length);
            out.flush();
            final Pipe.End doomed = owner.nextEnd();
            assertEquals(SocketType.PUSH, owner.peers.stream().reduce((a, b) -> b).orElseThrow().socketType(),
                "the PUB peer was never attached");
            half.close();
            owner.awaitEvent("DISCONNECTED");
            final long deadline = System.currentTimeMillis() + 5_000;
            while (!doomed.isDrainedAndPeerClosed() && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(doomed.isDrainedAndPeerClosed(), "closed without delivering the partial message");
        }

        peer.send("good", bytes("still here"));
        assertArrayEquals(bytes("still here"), RecordingOwner.receive(good).get(0));
    }

    @Test
    void bindingAPortInUseFailsAtOnce() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            final Endpoint endpoint = Endpoint.parse("tcp://127.0.0.1:" + taken.getLocalPort());
            final Exception failure = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> agent.bind(endpoint, config(SocketType.PULL), new RecordingOwner()));
            assertTrue(failure.getMessage().toLowerCase().contains("in use"), failure.getMessage());
        }
    }

    private static int freePort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
