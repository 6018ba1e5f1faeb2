package io.ringmq.transports.connections;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.agent.AgentProbe;
import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.channels.Endpoint;
import io.ringmq.transports.zmtp.StreamEngineConfig;
import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.rings.BlockingIdleStrategy;
import io.ringmq.rings.Pipe;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every transition of back-pressure on an I/O agent, one step at a time: the test thread runs the agent's duty
 * cycle itself (no agent thread) with a clock that does not move, plays the socket through the pipe end the agent
 * attaches, and plays the network peer with a plain blocking socket speaking ZMTP bytes. Between steps it checks
 * what the connection is doing: reading on or off, write interest on or off, the agent parked or woken.
 * <ul>
 *   <li>inbound ring full → reading off → socket drains → agent woken → reading on;</li>
 *   <li>outbound empty → agent parked → socket publishes → agent woken → bytes on the wire;</li>
 *   <li>kernel send buffer full → write interest on → peer drains → write interest off;</li>
 *   <li>socket blocked in send at SNDHWM → agent drains to the wire → socket woken → every message out in order.</li>
 * </ul>
 */
@Timeout(60)
class BackPressureTransitionsTest
{
    private static final int HWM = 10;
    /** Parks long enough that only a wake-up, never the park's own limit, can end one within the test. */
    private static final long LONG_PARK_NS = TimeUnit.SECONDS.toNanos(30);

    private final CachedNanoClock clock = new CachedNanoClock();
    private final RecordingOwner owner = new RecordingOwner();
    private IoAgent agent;
    private Socket peer;

    @BeforeEach
    void start()
    {
        agent = new IoAgent("transitions", clock);
        AgentProbe.maxParkNs(agent, LONG_PARK_NS);
    }

    @AfterEach
    void stop() throws IOException
    {
        if (peer != null)
        {
            peer.close();
        }
        agent.requestStop();
        agent.onClose();
    }

    @Test
    void aFullInboundRingStopsReadingAndDrainingItWakesTheAgentAndReadingResumes() throws Exception
    {
        final StreamConnection connection = accept(SocketType.PULL, SocketType.PUSH, 0);
        final Pipe.End socket = owner.nextEnd();
        final int messages = 100;
        final OutputStream out = peer.getOutputStream();
        for (int i = 0; i < messages; i++)
        {
            out.write(frame("m" + i));
        }
        out.flush();

        int received = 0;
        for (int round = 0; received < messages; round++)
        {
            if (received + HWM > messages)
            {
                break; // the last messages do not fill the ring
            }
            pump(() -> connection.isReadingPaused() && !connection.isInboundResumable(),
                "reading to pause at the mark");
            assertEquals(0, connection.interestOps() & SelectionKey.OP_READ, "reading off while the ring is full");
            assertFalse(connection.isInboundResumable(), "nothing to resume before the socket reads");

            final long wakeUpsBefore = agent.wakeUps();
            final Thread parker = parkAgent();
            for (int i = 0; i < HWM && received < messages; i++)
            {
                assertEquals("m" + received, text(RecordingOwner.receive(socket)), "in order");
                received++;
            }
            // The socket found the ring empty: its fenced wake-up must reach the parked agent.
            assertFalse(socket.hasMessage());
            parker.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(parker.isAlive(), "the agent stayed parked after the socket drained the ring");
            assertTrue(agent.wakeUps() > wakeUpsBefore, "woken by the socket, not by the park's limit");
            if (received < messages)
            {
                assertTrue(connection.isInboundResumable(), "round " + round + ": resumable once drained");
            }
        }
        while (received < messages)
        {
            assertEquals("m" + received, text(RecordingOwner.receive(socket)), "in order");
            received++;
            agent.doWork();
        }
        pump(() -> (connection.interestOps() & SelectionKey.OP_READ) != 0 && !connection.isReadingPaused(),
            "reading to switch back on");
    }

    @Test
    void anEmptyOutboundPipeParksTheAgentAndAPublishWakesIt() throws Exception
    {
        final StreamConnection connection = accept(SocketType.PUSH, SocketType.PULL, 0);
        final Pipe.End socket = owner.nextEnd();
        final DataInputStream in = new DataInputStream(peer.getInputStream());
        readGreetingAndReady(in);
        for (int i = 0; i < 3; i++)
        {
            assertFalse(connection.hasQueuedOutbound());
            final long wakeUpsBefore = agent.wakeUps();
            final Thread parker = parkAgent();
            RecordingOwner.send(socket, ("hello " + i).getBytes(StandardCharsets.UTF_8));
            parker.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(parker.isAlive(), "a publish did not wake the parked agent");
            assertTrue(agent.wakeUps() > wakeUpsBefore);
            agent.doWork();
            assertEquals("hello " + i, readFrame(in));
        }
    }

    @Test
    void aFullKernelSendBufferTurnsWriteInterestOnUntilThePeerDrains() throws Exception
    {
        final StreamConnection connection = accept(SocketType.PUSH, SocketType.PULL, 4096);
        final Pipe.End socket = owner.nextEnd();
        final DataInputStream in = new DataInputStream(peer.getInputStream());
        readGreetingAndReady(in);
        final byte[] body = new byte[8000];
        int published = 0;
        while (!connection.isWritePending())
        {
            assertTrue(published < 10_000, "the kernel took 80 MB from a peer that does not read");
            RecordingOwner.send(socket, body);
            published++;
            agent.doWork();
        }
        assertTrue((connection.interestOps() & SelectionKey.OP_WRITE) != 0, "write interest on while bytes wait");

        final AtomicInteger read = new AtomicInteger();
        final int expected = published;
        final Thread reader = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < expected; i++)
                {
                    readFrame(in);
                    read.incrementAndGet();
                }
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        reader.start();
        pump(() -> read.get() == expected, "the peer to drain every message");
        reader.join();
        assertFalse(connection.isWritePending());
        assertEquals(0, connection.interestOps() & SelectionKey.OP_WRITE, "write interest off once drained");
    }

    @Test
    void bytesTheKernelHasNotTakenCountAsPendingForTheSocketUntilWritten() throws Exception
    {
        final StreamConnection connection = accept(SocketType.PUSH, SocketType.PULL, 4096);
        final Pipe.End socket = owner.nextEnd();
        final DataInputStream in = new DataInputStream(peer.getInputStream());
        readGreetingAndReady(in);
        // One message per duty cycle to a peer that does not read: each is taken from the ring whole, and the
        // last goes into the connection's write buffer of which the kernel takes only part.
        final byte[] body = new byte[8000];
        int published = 0;
        while (!connection.isWritePending())
        {
            assertTrue(published < 10_000, "the kernel took 80 MB from a peer that does not read");
            RecordingOwner.send(socket, body);
            published++;
            agent.doWork();
        }
        assertEquals(0, socket.outboundDepthSample(), "the ring is empty: the connection took every message");
        // What LINGER and the tools' final flush ask: a message is not delivered while its bytes are still ours.
        assertEquals(1, socket.outboundPending(), "the message half in the write buffer is still pending");

        final AtomicInteger read = new AtomicInteger();
        final int expected = published;
        final Thread reader = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < expected; i++)
                {
                    readFrame(in);
                    read.incrementAndGet();
                }
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        reader.start();
        pump(() -> !connection.isWritePending(), "the kernel to take the rest");
        assertEquals(0, socket.outboundPending(), "written to the kernel: delivered, as far as LINGER goes");
        pump(() -> read.get() == expected, "the peer to read every message");
        reader.join();
    }

    @Test
    void aSocketBlockedInSendIsWokenAsTheAgentDrainsAndEveryMessageGoesOutInOrder() throws Exception
    {
        accept(SocketType.PUSH, SocketType.PULL, 0);
        final Pipe.End socket = owner.nextEnd();
        final DataInputStream in = new DataInputStream(peer.getInputStream());
        readGreetingAndReady(in);
        final int messages = 2_000;
        final AtomicInteger wouldBlock = new AtomicInteger();
        final BlockingIdleStrategy idle = new BlockingIdleStrategy();
        socket.waker(idle);
        final Thread application = new Thread(() ->
        {
            for (int i = 0; i < messages; i++)
            {
                // A blocking send: try, and on FULL wait on the idle strategy the agent's reads poke.
                while (socket.tryClaim() != Pipe.CLAIMED)
                {
                    wouldBlock.incrementAndGet();
                    idle.idle();
                }
                idle.reset();
                final byte[] body = ("n" + i).getBytes(StandardCharsets.UTF_8);
                socket.append(body, 0, body.length);
                socket.publish();
            }
        });
        final AtomicInteger read = new AtomicInteger();
        final Thread reader = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < messages; i++)
                {
                    if (!("n" + i).equals(readFrame(in)))
                    {
                        return;
                    }
                    read.incrementAndGet();
                }
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        application.start();
        reader.start();
        pump(() -> read.get() == messages && !application.isAlive(), "every message to reach the peer, in order");
        assertTrue(wouldBlock.get() > 0, "the socket never met its mark: no back-pressure was tested");
    }

    @Test
    void anAgentThatStopsUnaskedTellsItsSocketsInsteadOfServingNothing() throws Exception
    {
        accept(SocketType.PULL, SocketType.PUSH, 0);
        owner.nextEnd();
        agent.onClose(); // as AgentRunner does when the agent's thread ends on an Error
        owner.awaitEvent("DISCONNECTED");
        assertTrue(owner.allEvents.toString().contains("stopped"), owner.allEvents.toString());
    }

    // ------------------------------------------------------------------ helpers

    /** Binds, connects the raw peer, sends its greeting and READY, and runs the agent until the handshake is done. */
    private StreamConnection accept(final SocketType ours, final SocketType theirs, final int kernelBuffer)
        throws Exception
    {
        final StreamEngineConfig engine = new StreamEngineConfig(ours);
        final ConnectionConfig config = new ConnectionConfig(engine,
            address -> new NullMechanism(new MechanismConfig(ours, null))).hwm(HWM, HWM);
        if (kernelBuffer > 0)
        {
            config.options().sndBuf(kernelBuffer).rcvBuf(kernelBuffer);
        }
        final String bound = agent.bind(Endpoint.parse("tcp://127.0.0.1:*"), config, owner);
        peer = new Socket();
        if (kernelBuffer > 0)
        {
            peer.setReceiveBufferSize(kernelBuffer);
        }
        final String hostPort = bound.substring("tcp://".length());
        peer.connect(
            new InetSocketAddress("127.0.0.1", Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))));
        final UnsafeBuffer greeting = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH + 256]);
        int length = GreetingDescriptor.encode(greeting, 0, Mechanism.NULL, false);
        length += CommandEncoder.encodeReady(greeting, length, theirs, null, 0, 0);
        peer.getOutputStream().write(greeting.byteArray(), 0, length);
        pump(() -> !owner.ends.isEmpty(), "the handshake");
        return (StreamConnection)AgentProbe.connection(agent, 0);
    }

    /** Runs the agent's duty cycle until {@code done}, giving the kernel a moment between cycles. */
    private void pump(final BooleanSupplier done, final String what) throws InterruptedException
    {
        for (int i = 0; i < 20_000; i++)
        {
            // At least one duty cycle first: the condition may still hold from before the step being tested.
            if (agent.doWork() == 0)
            {
                Thread.sleep(0, 100_000);
            }
            if (done.getAsBoolean())
            {
                return;
            }
        }
        fail("gave up waiting for " + what);
    }

    /** Parks the agent on another thread and returns once it is parked. */
    private Thread parkAgent() throws InterruptedException
    {
        final Thread parker = new Thread(() -> agent.park(LONG_PARK_NS), "parker");
        parker.start();
        for (int i = 0; i < 200_000 && !agent.isParked(); i++)
        {
            if (!parker.isAlive())
            {
                fail("the agent would not park: it saw work");
            }
            Thread.onSpinWait();
            if (i % 1000 == 999)
            {
                Thread.sleep(1);
            }
        }
        assertTrue(agent.isParked(), "the agent did not park");
        return parker;
    }

    private static byte[] frame(final String text)
    {
        final byte[] body = text.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[body.length + FrameDescriptor.LONG_HEADER_LENGTH]);
        final int length = FrameDescriptor.encodeFrame(buffer, 0, 0, new UnsafeBuffer(body), 0, body.length);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    private static String text(final List<byte[]> message)
    {
        return new String(message.get(0), StandardCharsets.UTF_8);
    }

    private static void readGreetingAndReady(final DataInputStream in) throws IOException
    {
        in.readFully(new byte[GreetingDescriptor.LENGTH]);
        readFrame(in);
    }

    /** Reads one frame (short or long) and returns its body as text. */
    private static String readFrame(final InputStream stream) throws IOException
    {
        final DataInputStream in =
            stream instanceof DataInputStream ? (DataInputStream)stream : new DataInputStream(stream);
        final int flags = in.readUnsignedByte();
        final long size = (flags & FrameDescriptor.FLAG_LONG) != 0 ? in.readLong() : in.readUnsignedByte();
        final byte[] body = new byte[(int)size];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }
}
