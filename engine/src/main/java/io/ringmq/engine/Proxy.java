package io.ringmq.engine;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * libzmq's {@code zmq_proxy_steerable}: forwards whole messages between a frontend and a backend socket in both
 * directions, optionally copying every frame to a capture socket, until told to stop. Runs on the calling thread,
 * which then owns all the sockets it was given.
 *
 * <p>Commands arrive on the control socket as one-frame messages: {@code PAUSE} (stop forwarding, keep serving
 * commands), {@code RESUME}, {@code TERMINATE} (return {@link Status#OK}) and {@code STATISTICS} (reply with eight
 * 8-byte frames, in libzmq's order and native byte order: frontend messages in, bytes in, messages out, bytes out,
 * then the same for the backend). A REP control socket gets an empty reply to the other commands too, so that it
 * can take the next one. An unknown command throws {@link RingMqException}.
 */
public final class Proxy
{
    private static final int FRONTEND_MSG_IN = 0;
    private static final int FRONTEND_BYTES_IN = 1;
    private static final int FRONTEND_MSG_OUT = 2;
    private static final int FRONTEND_BYTES_OUT = 3;
    private static final int BACKEND_MSG_IN = 4;
    private static final int BACKEND_BYTES_IN = 5;
    private static final int BACKEND_MSG_OUT = 6;
    private static final int BACKEND_BYTES_OUT = 7;

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    private final long[] statistics = new long[8];
    private final UnsafeBuffer statisticFrame = new UnsafeBuffer(new byte[8]);

    private Proxy(final Socket frontend, final Socket backend, final Socket capture, final Socket control)
    {
        this.frontend = frontend;
        this.backend = backend;
        this.capture = capture;
        this.control = control;
    }

    /**
     * Forwards until a {@code TERMINATE} command or the context closes.
     *
     * @param capture null for none.
     * @param control null for none: then only closing the context ends the proxy.
     * @return {@link Status#OK} after TERMINATE, else the status that ended it (TERMINATED, INTERRUPTED).
     */
    public static int run(final Socket frontend, final Socket backend, final Socket capture, final Socket control)
    {
        return new Proxy(frontend, backend, capture, control).loop();
    }

    private int loop()
    {
        final Context context = frontend.context();
        final Poller active = new Poller(context);
        final int frontendIndex = active.register(frontend, Poller.POLLIN);
        final int backendIndex = active.register(backend, Poller.POLLIN);
        final int controlIndex = null == control ? -1 : active.register(control, Poller.POLLIN);
        final Poller paused = new Poller(context);
        if (null != control)
        {
            paused.register(control, Poller.POLLIN);
        }
        boolean running = true;
        while (true)
        {
            final Poller poller = running ? active : paused;
            final int ready = poller.poll(-1);
            if (ready < 0)
            {
                return ready;
            }
            if (null != control && (running ? active.isReadable(controlIndex) : paused.isReadable(0)))
            {
                final int length = control.recv(Socket.DONTWAIT);
                if (length >= 0)
                {
                    final String command = control.frame().getStringWithoutLengthAscii(0, length);
                    drainRest(control);
                    switch (command)
                    {
                        case "PAUSE":
                            running = false;
                            acknowledge();
                            break;
                        case "RESUME":
                            running = true;
                            acknowledge();
                            break;
                        case "TERMINATE":
                            acknowledge();
                            return Status.OK;
                        case "STATISTICS":
                            replyStatistics();
                            break;
                        default:
                            throw new RingMqException("proxy control: unknown command '" + command + "'");
                    }
                    continue;
                }
            }
            if (running)
            {
                if (active.isReadable(frontendIndex))
                {
                    final int status = forward(frontend, backend, FRONTEND_MSG_IN, BACKEND_MSG_OUT);
                    if (status < 0)
                    {
                        return status;
                    }
                }
                if (active.isReadable(backendIndex))
                {
                    final int status = forward(backend, frontend, BACKEND_MSG_IN, FRONTEND_MSG_OUT);
                    if (status < 0)
                    {
                        return status;
                    }
                }
            }
        }
    }

    /** Moves one whole message, frame by frame (each frame is copied once, into the destination's ring). */
    private int forward(final Socket from, final Socket to, final int inStat, final int outStat)
    {
        int length = from.recv(Socket.DONTWAIT);
        if (Status.WOULD_BLOCK == length)
        {
            return Status.OK;
        }
        statistics[inStat]++;
        statistics[outStat]++;
        while (true)
        {
            if (length < 0)
            {
                return length;
            }
            final DirectBuffer frame = from.frame();
            final boolean more = from.hasMore();
            statistics[inStat + 1] += length;
            statistics[outStat + 1] += length;
            if (null != capture)
            {
                final int captured = capture.send(frame, 0, length, more ? Socket.SNDMORE : 0);
                if (captured < 0 && Status.WOULD_BLOCK != captured)
                {
                    return captured;
                }
            }
            final int sent = to.send(frame, 0, length, more ? Socket.SNDMORE : 0);
            if (sent < 0)
            {
                return sent;
            }
            if (!more)
            {
                return Status.OK;
            }
            length = from.recv(0);
        }
    }

    private static void drainRest(final Socket socket)
    {
        while (socket.hasMore())
        {
            socket.recv(0);
        }
    }

    private void acknowledge()
    {
        if (control.type() == SocketType.REP)
        {
            control.send(statisticFrame, 0, 0, 0);
        }
    }

    private void replyStatistics()
    {
        for (int i = 0; i < statistics.length; i++)
        {
            statisticFrame.putLong(0, statistics[i], ByteOrder.nativeOrder());
            control.send(statisticFrame, 0, 8, i < statistics.length - 1 ? Socket.SNDMORE : 0);
        }
    }
}
