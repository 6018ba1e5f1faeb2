package io.ringmq.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The media every pattern case runs over, as Aeron's system tests run each case over every media: inproc, tcp on
 * an ephemeral loopback port, and ipc on a socket file in the test's temporary directory (JUnit deletes it).
 */
enum Transport
{
    INPROC, TCP, IPC;

    private static final long AWAIT_MS = 10_000;

    /**
     * Binds {@code socket} and returns what its peers connect to: the name for inproc, the port the kernel chose
     * for tcp, the socket file for ipc.
     */
    String bind(final Socket socket, final String name, final Path dir)
    {
        socket.bind(switch (this)
        {
            case INPROC -> "inproc://" + name;
            case TCP -> "tcp://127.0.0.1:*";
            case IPC -> "ipc://" + dir.resolve(name + ".sock");
        });
        return socket.lastEndpoint();
    }

    /**
     * An endpoint known before anything binds it, for the cases that connect first. tcp asks the kernel for a free
     * port and releases it; nothing else in the test binds in between.
     */
    String endpoint(final String name, final Path dir)
    {
        return switch (this)
        {
            case INPROC -> "inproc://" + name;
            case TCP -> "tcp://127.0.0.1:" + freePort();
            case IPC -> "ipc://" + dir.resolve(name + ".sock");
        };
    }

    /** @return true when messages cross an I/O thread and the kernel, so arrive some time after the send. */
    boolean isNetwork()
    {
        return this != INPROC;
    }

    /**
     * Waits until {@code socket} has taken in {@code count} peers. Over inproc that happened in bind or connect;
     * over the network the binding side learns of a peer once its handshake completes and the socket is called.
     */
    /**
     * A socket that does not hold the context's close: a case over the network may end with messages no peer will
     * take, which the default LINGER of -1 would wait for forever, as in libzmq (whose tests close with linger 0).
     */
    static Socket lingerless(final Context context, final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.setOption(SocketOption.LINGER, 0);
        return socket;
    }

    static void awaitPeers(final Socket socket, final int count)
    {
        await(socket.type() + " taking in " + count + " peers", () ->
        {
            socket.canSend(); // a call into the socket takes in the connections that are ready
            return socket.links().size() >= count;
        });
    }

    /** Waits, a bounded time, for what the network does in the background; fails saying what never happened. */
    static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("never happened: " + what);
            }
            sleepBriefly();
        }
    }

    static void sleepBriefly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    private static int freePort()
    {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return probe.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
