package io.ringmq.engine;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * libzmq's {@code zmq_proxy_steerable}: shuttles whole messages between a frontend and a backend socket, both
 * ways, copying each to an optional capture socket, until the context is closed or the control socket says
 * TERMINATE. The control socket also takes PAUSE, RESUME and STATISTICS (answered with libzmq's eight 64-bit
 * counters: frontend messages in, bytes in, messages out, bytes out, then the same for the backend).
 * <p>
 * Runs on the calling thread, which must be the only user of the sockets meanwhile. It polls both sockets and
 * backs off (up to 100 µs) when neither has a message, so it costs little on a shared machine.
 */
public final class Proxy
{
    // Indexes of message counters in libzmq's order; each byte counter follows its message counter.
    private static final int FRONT_IN = 0;
    private static final int FRONT_OUT = 2;
    private static final int BACK_IN = 4;
    private static final int BACK_OUT = 6;

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    private final long[] statistics = new long[8];
    private final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    private boolean paused;

    private Proxy(final Socket frontend, final Socket backend, final Socket capture, final Socket control)
    {
        this.frontend = frontend;
        this.backend = backend;
        this.capture = capture;
        this.control = control;
    }

    /**
     * Runs until the context is closed.
     *
     * @param capture a socket that gets a copy of every message, or null.
     * @return {@link Status#TERMINATED}.
     */
    public static int run(final Socket frontend, final Socket backend, final Socket capture)
    {
        return new Proxy(frontend, backend, capture, null).loop();
    }

    /**
     * Runs until the context is closed or {@code control} receives TERMINATE.
     *
     * @return {@link Status#OK} after TERMINATE, {@link Status#TERMINATED} when the context closed.
     */
    public static int runSteerable(final Socket frontend, final Socket backend, final Socket capture, final Socket control)
    {
        return new Proxy(frontend, backend, capture, control).loop();
    }

    private int loop()
    {
        while (true)
        {
            if (frontend.getContextClosed())
            {
                return Status.TERMINATED;
            }
            int work = 0;
            if (null != control && control.canReceive())
            {
                final String command = readCommand();
                if ("TERMINATE".equals(command))
                {
                    return Status.OK;
                }
                work++;
            }
            if (!paused)
            {
                if (frontend.canReceive())
                {
                    final int status = forward(frontend, backend, FRONT_IN, BACK_OUT);
                    if (Status.TERMINATED == status)
                    {
                        return status;
                    }
                    work++;
                }
                if (backend != frontend && backend.canReceive())
                {
                    final int status = forward(backend, frontend, BACK_IN, FRONT_OUT);
                    if (Status.TERMINATED == status)
                    {
                        return status;
                    }
                    work++;
                }
            }
            idle.idle(work);
        }
    }

    private String readCommand()
    {
        final byte[] command = control.recv();
        if (null == command)
        {
            return null;
        }
        while (control.hasMore())
        {
            control.recv();
        }
        final String text = new String(command, StandardCharsets.US_ASCII);
        switch (text)
        {
            case "PAUSE":
                paused = true;
                break;
            case "RESUME":
                paused = false;
                break;
            case "STATISTICS":
                for (int i = 0; i < statistics.length; i++)
                {
                    final byte[] value = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder())
                        .putLong(statistics[i]).array();
                    control.send(value, i < statistics.length - 1 ? Socket.SNDMORE : 0);
                }
                break;
            default:
                break;
        }
        return text;
    }

    /**
     * Moves one whole message from {@code from} to {@code to} (and to the capture socket).
     */
    private int forward(final Socket from, final Socket to, final int inCounter, final int outCounter)
    {
        boolean more = true;
        long bytes = 0;
        while (more)
        {
            final int length = from.recv(0);
            if (length < 0)
            {
                return length;
            }
            more = from.hasMore();
            bytes += length;
            if (null != capture)
            {
                capture.send(from.frame(), 0, length, (more ? Socket.SNDMORE : 0) | Socket.DONTWAIT);
            }
            final int status = to.send(from.frame(), 0, length, more ? Socket.SNDMORE : 0);
            if (Status.TERMINATED == status)
            {
                return status;
            }
        }
        statistics[inCounter]++;
        statistics[inCounter + 1] += bytes;
        statistics[outCounter]++;
        statistics[outCounter + 1] += bytes;
        return Status.OK;
    }
}
