package io.ringmq.cli;

import io.ringmq.engine.Context;
import io.ringmq.engine.ContextProfile;
import io.ringmq.engine.EndpointUri;
import io.ringmq.engine.RingMqException;
import io.ringmq.engine.Socket;
import io.ringmq.engine.MonitorEvent;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import io.ringmq.engine.WaitStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * One command's context and sockets, set up from the common options: validates endpoints and options before
 * anything starts (usage errors exit 2), binds or connects, prints {@code bound: } for ephemeral ports, reports
 * connection events with {@code --verbose}, and notices when a peer refuses a connecting socket's handshake.
 */
final class Session implements AutoCloseable
{
    private static final int SLICE_MS = 50;

    private final CommonOptions options;
    private final Context context;
    private final List<Socket> sockets = new ArrayList<>();
    private final long startNs = System.nanoTime();
    private volatile String refusal;
    /** Endpoints this command connected to: only their refusals end it (a binding command keeps serving). */
    private final java.util.Set<String> connectedEndpoints = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Session(final CommonOptions options)
    {
        this(options, null);
    }

    /**
     * @param warmUp the traffic to pay the JIT's warm-up with before binding or connecting, or null for none (the
     *               perf tools: libzmq's protocol times from the first message, and a JVM's first messages otherwise
     *               share the core with its compilers).
     */
    Session(final CommonOptions options, final WarmUp warmUp)
    {
        this.options = options;
        options.timeoutMs();
        options.idleStrategy();
        options.rateKbps();
        options.recoveryIvlMs();
        Security.validate(options);
        // The profile first, then what the command line gives explicitly, which wins over it.
        final ContextProfile profile = options.profile.profile();
        final Context.Builder builder = Context.builder();
        if (profile != null)
        {
            profile.applyTo(builder);
        }
        final int ioThreads = options.ioThreadCount();
        if (ioThreads >= 0)
        {
            builder.ioThreads(ioThreads);
        }
        final WaitStrategy idleStrategy = options.idleStrategy();
        if (idleStrategy != null)
        {
            builder.idleStrategy(idleStrategy);
        }
        final int[] cpus = options.cpus();
        if (cpus != null)
        {
            builder.affinity(cpus);
        }
        if (null != warmUp)
        {
            builder.warmUp(warmUp.type(), warmUp.transport(), warmUp.messageSize());
        }
        context = builder.build();
        if (profile != null)
        {
            // The command's own thread is the application thread: it runs the sockets' patterns.
            profile.pinApplicationThread();
        }
    }

    static SocketType socketType(final String name, final String allowed)
    {
        final String upper = name.toUpperCase(java.util.Locale.ROOT);
        for (final String type : allowed.split(" "))
        {
            if (type.equals(upper))
            {
                return SocketType.valueOf(upper);
            }
        }
        throw CliException.usage("socket type '" + name + "' is not one of " + allowed);
    }

    static EndpointUri validate(final String endpoint)
    {
        try
        {
            final EndpointUri parsed = EndpointUri.parse(endpoint);
            if (parsed.transport() == EndpointUri.Transport.TCP && parsed.port() == 0 && !parsed.isWildcardHost() &&
                parsed.host().isEmpty())
            {
                throw CliException.usage("malformed endpoint '" + endpoint + "'");
            }
            return parsed;
        }
        catch (final IllegalArgumentException ex)
        {
            throw CliException.usage(ex.getMessage());
        }
    }

    Socket open(final SocketType type)
    {
        return open(type, true);
    }

    /**
     * Opens a socket without the security options (the proxy's backend).
     */
    Socket openWithout(final SocketType type)
    {
        return open(type, false);
    }

    private Socket open(final SocketType type, final boolean secure)
    {
        final Socket socket = context.socket(type);
        sockets.add(socket);
        if (secure)
        {
            Security.apply(context, socket, options);
        }
        if (options.rateKbps() > 0)
        {
            socket.setOption(SocketOption.RATE, options.rateKbps());
        }
        if (options.recoveryIvlMs() >= 0)
        {
            socket.setOption(SocketOption.RECOVERY_IVL, options.recoveryIvlMs());
        }
        socket.monitor(new MonitorEvent.Listener()
        {
            public void onEvent(final int event, final long value, final String endpoint)
            {
                onEvent(event, value, endpoint, null);
            }

            public void onEvent(final int event, final long value, final String endpoint, final String detail)
            {
                if (options.verbose)
                {
                    System.err.println("ringmq: " + MonitorEvent.name(event).toLowerCase().replace('_', ' ') +
                        " " + endpoint + (detail == null ? "" : ": " + detail));
                }
                if ((event == MonitorEvent.HANDSHAKE_FAILED_AUTH || event == MonitorEvent.HANDSHAKE_FAILED_PROTOCOL) &&
                    connectedEndpoints.contains(endpoint))
                {
                    refusal = "handshake refused by " + endpoint + (detail == null ? "" : ": " + detail);
                }
            }
        }, MonitorEvent.ALL);
        return socket;
    }

    /**
     * Binds or connects; a binding command whose endpoint asks for an ephemeral port prints {@code bound:}.
     */
    void attach(final Socket socket, final String endpoint, final boolean bind)
    {
        final EndpointUri parsed = validate(endpoint);
        try
        {
            if (bind)
            {
                socket.bind(endpoint);
                if (parsed.transport() == EndpointUri.Transport.TCP && parsed.port() == 0)
                {
                    System.err.println("bound: " + socket.lastEndpoint());
                    System.err.flush();
                }
            }
            else
            {
                connectedEndpoints.add(endpoint);
                socket.connect(endpoint);
            }
        }
        catch (final RingMqException ex)
        {
            throw new CliException(CliException.RUNTIME, ex.getMessage(), ex);
        }
    }

    /**
     * Receives one whole message, waiting up to {@code --timeout} (or forever) and stopping at once if a peer
     * refused the handshake.
     *
     * @return the frames, or null if the timeout passed.
     */
    List<byte[]> receive(final Socket socket)
    {
        final long deadline = deadline();
        while (true)
        {
            socket.setOption(SocketOption.RCVTIMEO, sliceMs(deadline));
            final byte[] first = socket.recv();
            if (first != null)
            {
                final List<byte[]> frames = new ArrayList<>();
                frames.add(first);
                while (socket.hasMore())
                {
                    frames.add(socket.recv());
                }
                return frames;
            }
            checkRefused();
            if (System.nanoTime() - deadline >= 0)
            {
                return null;
            }
        }
    }

    /**
     * Sends one message, waiting for room (a peer) up to {@code --timeout}.
     *
     * @return false if the timeout passed first.
     */
    boolean send(final Socket socket, final List<byte[]> frames)
    {
        final long deadline = deadline();
        while (true)
        {
            final int status = socket.send(frames.get(0), Socket.DONTWAIT | (frames.size() > 1 ? Socket.SNDMORE : 0));
            if (status == Status.OK)
            {
                for (int i = 1; i < frames.size(); i++)
                {
                    socket.send(frames.get(i), i < frames.size() - 1 ? Socket.SNDMORE : 0);
                }
                return true;
            }
            if (status != Status.WOULD_BLOCK)
            {
                throw CliException.runtime(socket.type() + " cannot send: " + Status.name(status));
            }
            checkRefused();
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            socket.setOption(SocketOption.RCVTIMEO, 0);
            sleepSlice(deadline);
        }
    }

    private static void sleepSlice(final long deadline)
    {
        final long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try
        {
            Thread.sleep(Math.min(1, remainingMs));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw CliException.runtime("interrupted");
        }
    }

    void checkRefused()
    {
        final String reason = refusal;
        if (reason != null)
        {
            throw CliException.runtime(reason);
        }
    }

    /**
     * @return when a wait that starts now must give up, {@link Long#MAX_VALUE} without {@code --timeout}.
     */
    long deadline()
    {
        final int timeoutMs = options.timeoutMs();
        return timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
    }

    private static int sliceMs(final long deadline)
    {
        if (deadline == Long.MAX_VALUE)
        {
            return SLICE_MS;
        }
        return (int)Math.max(0, Math.min(SLICE_MS, (deadline - System.nanoTime()) / 1_000_000));
    }

    String timeoutText()
    {
        return options.timeout + " s";
    }

    /** @return the sockets opened so far, in order. */
    List<Socket> sockets()
    {
        return sockets;
    }

    Context context()
    {
        return context;
    }

    long elapsedNs()
    {
        return System.nanoTime() - startNs;
    }

    @Override
    public void close()
    {
        for (final Socket socket : sockets)
        {
            // The commands wait for delivery themselves (within --linger or --timeout) before they get here.
            if (!socket.isClosed())
            {
                socket.setOption(io.ringmq.engine.SocketOption.LINGER, 0);
            }
            socket.close();
        }
        context.close();
    }

    /** What a perf tool warms up with: its socket type, the transport of its endpoint, its message size. */
    record WarmUp(SocketType type, EndpointUri.Transport transport, int messageSize)
    {
        /**
         * @return the warm-up for this traffic, or null where the engine has none: a transport not tcp or ipc, or
         *         an endpoint that does not parse (binding or connecting then reports it, as without a warm-up).
         */
        static WarmUp of(final SocketType type, final String endpoint, final int messageSize)
        {
            final EndpointUri.Transport transport;
            try
            {
                transport = EndpointUri.parse(endpoint).transport();
            }
            catch (final IllegalArgumentException ex)
            {
                return null;
            }
            return EndpointUri.Transport.TCP == transport || EndpointUri.Transport.IPC == transport ?
                new WarmUp(type, transport, messageSize) : null;
        }
    }
}
