package io.ringmq.engine;

import io.ringmq.rings.BlockingIdleStrategy;
import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.channels.Endpoint;
import io.ringmq.rings.IdleStrategyKind;
import io.ringmq.transports.zmtp.Metadata;
import io.ringmq.rings.Pipe;
import io.ringmq.rings.Waker;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZeroMQ socket with libzmq's semantics for its {@link SocketType}.
 *
 * <p><b>Threads.</b> A socket is used by one thread at a time, as in libzmq; hand it to another thread only with a
 * happens-before edge (a queue, a lock). {@code Thread.interrupt} makes a blocked call return
 * {@link Status#INTERRUPTED} with the interrupt flag still set and the socket intact. Closing the context makes
 * blocked calls return {@link Status#TERMINATED}.
 *
 * <p><b>Two ways to send and receive.</b> The status methods ({@link #send(DirectBuffer, int, int, int)},
 * {@link #recv(int)} and their overloads) return a {@link Status} or a length and never throw on the hot path:
 * would-block, wrong state (EFSM), unroutable (EHOSTUNREACH) and terminated (ETERM) are values. The convenience
 * methods ({@link #send(String)}, {@link #send(byte[])}, {@link #recv()}, ...) block per SNDTIMEO/RCVTIMEO, return
 * false or null on timeout, and throw {@link RingMqException} naming the socket type and its state for any other
 * status, e.g. a REP socket sending before it received a request.
 *
 * <p><b>Messages.</b> A multipart message is sent frame by frame with {@link #SNDMORE} on all but the last; the peer
 * receives all frames or none. After a successful {@link #recv(int)} the frame is readable through {@link #frame()}
 * until the next receive, without copying, and {@link #hasMore()} tells whether frames follow.
 *
 * <p><b>Misuse</b> (using a closed socket, an option the type does not take, an unsupported endpoint, sending on a
 * receive-only type) throws {@link RingMqException}.
 */
public final class Socket implements AutoCloseable
{
    /** Flag: do not wait; return {@link Status#WOULD_BLOCK} at once (libzmq's ZMQ_DONTWAIT). */
    public static final int DONTWAIT = 1;
    /** Flag: more frames of this message follow (libzmq's ZMQ_SNDMORE). */
    public static final int SNDMORE = 2;

    private static final String INPROC = "inproc://";
    private static final byte[] NO_BYTES = new byte[0];

    final Options options;
    private final Context context;
    private final SocketType type;
    private final Pattern pattern;
    private final IdleStrategy idle;
    /** Wakes this socket's thread if parked (BLOCK), else {@link Waker#NONE}. */
    private final Waker idleWaker;
    /** What pipes poke without a readiness listener: the idle strategy, and in caller-runs the agent. */
    private final Waker baseWaker;
    private final int id;
    /** Null when the context keeps no counters file. */
    private final SocketCounters counters;
    /** Null while latency tracking is off; read by the socket's thread and by snapshots from any thread. */
    private volatile LatencyTracker latencyTracker;
    /** Null unless the context registers MXBeans. */
    private final SocketMBean mbean;
    /** What producers poke: the idle waker, plus the readiness listener if one is set. Read by other threads. */
    private volatile Waker waker;
    private final NanoClock clock;
    private final ArrayList<Link> links = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<Link> inbox = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToOneConcurrentLinkedQueue<Link> reconnected = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayList<String> boundEndpoints = new ArrayList<>();
    /** The frame last received; patterns that must look ahead (SUB's filter) receive into it early. */
    final Frame frame = new Frame();
    private final UnsafeBuffer sendWrapper = new UnsafeBuffer(0, 0);
    private final java.util.concurrent.atomic.AtomicLongArray limitRefusals =
        new java.util.concurrent.atomic.AtomicLongArray(io.ringmq.transports.TransportEvent.LIMIT_REASONS);
    private final Object monitorLock = new Object();
    private Socket monitorSocket;
    private MonitorEvent.Listener monitorListener;
    private int monitorEvents;
    /** Set under the context's registry lock when the socket closes, so nobody delivers it a link afterwards. */
    boolean closedInRegistry;
    private boolean closed;
    /** tcp and ipc endpoints; created on the first network bind or connect. */
    private SocketNetwork network;
    /** In caller-runs mode (no I/O threads) the socket's own I/O agent, driven by this socket's thread. */
    private IoAgent callerRunsAgent;

    Socket(final Context context, final SocketType type)
    {
        this.context = context;
        this.type = type;
        this.options = new Options(type);
        this.clock = context.clock();
        this.idle = context.idleStrategy().newStrategy();
        this.idleWaker = IdleStrategyKind.wakerFor(idle);
        // In caller-runs mode with the block strategy this thread may be parked in its own I/O agent's selector:
        // wake that too. Other strategies never park there, and keep the no-op waker, which also spares every
        // publish its fence (MessageRing.wake).
        this.baseWaker = context.ioThreads() > 0 || !(idle instanceof BlockingIdleStrategy) ? idleWaker : () ->
        {
            idleWaker.wake();
            final IoAgent agent = callerRunsAgent;
            if (null != agent)
            {
                agent.waker().wake();
            }
        };
        this.waker = baseWaker;
        this.pattern = Pattern.create(this);
        this.id = context.nextSocketId();
        this.counters = SocketCounters.create(context.countersFile(), id, type + "-" + id);
        this.latencyTracker =
            context.latencyTracking() > 0 ? new LatencyTracker(clock, context.latencyTracking()) : null;
        this.mbean = null != counters && context.jmx() ?
            SocketMBean.register(context.id(), type.toString(), id, counters) : null;
    }

    /** @return this socket's id within its context (1, 2, ...), as its counters and MBeans name it. */
    public int id()
    {
        return id;
    }

    /**
     * Switches latency tracking on (every message with 1, every Nth with N, for paths where a clock read per
     * message would cost too much) or off (0), starting afresh: queue residency on each side and, for REQ, request
     * to reply, into HdrHistogram recorders (see {@link #latency()}). Off by default, or as the context's builder
     * says ({@link Context.Builder#latencyTracking(int)}).
     */
    public void trackLatency(final int sampleEvery)
    {
        checkOpen();
        if (sampleEvery < 0)
        {
            throw new IllegalArgumentException("sampleEvery must be >= 0: " + sampleEvery);
        }
        final LatencyTracker tracker = 0 == sampleEvery ? null : new LatencyTracker(clock, sampleEvery);
        latencyTracker = tracker;
        for (int i = 0, size = links.size(); i < size; i++)
        {
            links.get(i).end.latencyProbes(null == tracker ? null : tracker.sendProbe(),
                null == tracker ? null : tracker.receiveProbe());
        }
    }

    /**
     * @return what latency tracking recorded since it was switched on: totals, and the interval since the previous
     * call (for .hlog interval logs).
     * @throws IllegalStateException if tracking is off.
     */
    public LatencySnapshot latency()
    {
        final LatencyTracker tracker = latencyTracker;
        if (null == tracker)
        {
            throw new IllegalStateException("latency tracking is off on this " + type + " socket (trackLatency)");
        }
        return tracker.snapshot();
    }

    private void installProbes(final Link link)
    {
        final LatencyTracker tracker = latencyTracker;
        if (null != tracker)
        {
            link.end.latencyProbes(tracker.sendProbe(), tracker.receiveProbe());
        }
    }

    /** REQ: a whole request went out. */
    void requestSent()
    {
        final LatencyTracker tracker = latencyTracker;
        if (null != tracker)
        {
            tracker.requestSent();
        }
    }

    /** REQ: the whole reply came in. */
    void replyReceived()
    {
        final LatencyTracker tracker = latencyTracker;
        if (null != tracker)
        {
            tracker.replyReceived();
        }
    }

    /** Counts a message the pattern dropped at the high-water mark (libzmq drops silently; the counter shows it). */
    void droppedAtHwm()
    {
        if (null != counters)
        {
            counters.droppedAtHwm();
        }
    }

    public SocketType type()
    {
        return type;
    }

    // ------------------------------------------------------------------ endpoints

    /**
     * Binds to an endpoint: {@code inproc://name}, {@code tcp://host:port} ({@code *} for every interface or an
     * ephemeral port, whose real value {@link #lastEndpoint()} gives), or {@code ipc:///path}.
     *
     * @throws RingMqException if the address is in use, malformed or unsupported, or the socket or context closed.
     */
    public void bind(final String endpoint)
    {
        checkOpen();
        final Endpoint parsed = SocketNetwork.parse(this, endpoint, "bind");
        if (parsed.scheme() != Endpoint.Scheme.INPROC)
        {
            checkContextOpen("bind");
            options.lastEndpoint = network().bind(parsed, options);
            return;
        }
        for (final Link link : context.bindInproc(this, endpoint))
        {
            attach(link);
        }
        boundEndpoints.add(endpoint);
        options.lastEndpoint = endpoint;
    }

    /**
     * Connects to an endpoint. For inproc the peer may bind before or after, as libzmq 4.x allows; messages sent
     * before the bind are queued up to SNDHWM and delivered once it happens.
     */
    public void connect(final String endpoint)
    {
        checkOpen();
        final Endpoint parsed = SocketNetwork.parse(this, endpoint, "connect");
        if (parsed.scheme() != Endpoint.Scheme.INPROC)
        {
            checkContextOpen("connect");
            network().connect(parsed, options);
            options.lastEndpoint = endpoint;
            return;
        }
        final byte[] assignedId = options.connectRoutingId;
        if (null != assignedId && pattern instanceof RouterPattern && ((RouterPattern)pattern).hasPeer(assignedId))
        {
            throw new RingMqException(type + " socket cannot connect " + endpoint + " with CONNECT_ROUTING_ID " +
                "already in use (EINVAL)");
        }
        options.connectRoutingId = null;
        final Link link = context.connectInproc(this, endpoint, assignedId);
        if (null != link)
        {
            attach(link);
        }
        options.lastEndpoint = endpoint;
    }

    /** Stops accepting connections at {@code endpoint}; connections already made stay (libzmq inproc semantics). */
    public void unbind(final String endpoint)
    {
        checkOpen();
        if (null != network && network.unbind(endpoint))
        {
            return;
        }
        if (!boundEndpoints.remove(endpoint) || !context.unbindInproc(this, endpoint))
        {
            throw new RingMqException(type + " socket cannot unbind " + endpoint + ": not bound (ENOENT)");
        }
    }

    /** Closes the connections this socket made to {@code endpoint}. Messages already queued are still delivered. */
    public void disconnect(final String endpoint)
    {
        checkOpen();
        if (null != network && network.disconnect(endpoint))
        {
            for (int i = links.size() - 1; i >= 0; i--)
            {
                final Link link = links.get(i);
                if (link.connected && link.endpoint.equals(endpoint))
                {
                    detach(link);
                }
            }
            return;
        }
        boolean found = false;
        for (int i = links.size() - 1; i >= 0; i--)
        {
            final Link link = links.get(i);
            if (link.connected && link.endpoint.equals(endpoint))
            {
                detach(link);
                found = true;
            }
        }
        found |= context.cancelPending(this, endpoint);
        if (!found)
        {
            throw new RingMqException(type + " socket cannot disconnect " + endpoint + ": not connected (ENOENT)");
        }
    }

    /** @return the endpoint of the last bind or connect, "" if none (libzmq's ZMQ_LAST_ENDPOINT). */
    public String lastEndpoint()
    {
        return options.lastEndpoint;
    }

    private void checkContextOpen(final String operation)
    {
        if (context.isClosed())
        {
            throw new RingMqException(
                type + " socket cannot " + operation + ": context is closed (ETERM)", Status.TERMINATED);
        }
    }

    private SocketNetwork network()
    {
        if (null == network)
        {
            final IoAgent agent;
            if (context.ioThreads() == 0)
            {
                callerRunsAgent = new IoAgent("ringmq-" + type + "-caller-runs", clock);
                agent = callerRunsAgent;
            }
            else
            {
                agent = context.ioAgent(options.affinity);
            }
            network = new SocketNetwork(this, agent);
        }
        return network;
    }

    // ------------------------------------------------------------------ send

    /**
     * Sends one frame; blocks up to SNDTIMEO unless {@link #DONTWAIT}.
     *
     * @param flags {@link #DONTWAIT} and/or {@link #SNDMORE}.
     * @return {@link Status#OK} or WOULD_BLOCK, WRONG_STATE, UNROUTABLE, TERMINATED, INTERRUPTED.
     */
    public int send(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final int status = sendFrame(buffer, offset, length, flags);
        if (Status.OK == status && null != counters)
        {
            counters.frameSent(length, (flags & SNDMORE) != 0);
        }
        return status;
    }

    private int sendFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        checkOpen();
        if (context.isClosed())
        {
            return Status.TERMINATED;
        }
        processInbox();
        final boolean more = (flags & SNDMORE) != 0;
        final int status = pattern.send(buffer, offset, length, more);
        if (null != callerRunsAgent)
        {
            callerRunsAgent.flush(); // caller-runs: the write syscall happens here, on this thread
        }
        if (Status.WOULD_BLOCK != status || (flags & DONTWAIT) != 0 || 0 == options.sndTimeoutMs)
        {
            return status;
        }
        final long deadline = deadline(options.sndTimeoutMs);
        idle.reset();
        while (true)
        {
            final int waited = await(deadline);
            if (Status.OK != waited)
            {
                return waited;
            }
            processInbox();
            final int retried = pattern.send(buffer, offset, length, more);
            if (Status.WOULD_BLOCK != retried)
            {
                idle.reset();
                if (null != callerRunsAgent)
                {
                    callerRunsAgent.flush();
                }
                return retried;
            }
        }
    }

    /** Sends a whole {@code byte[]} as one frame. @see #send(DirectBuffer, int, int, int) */
    public int send(final byte[] data, final int flags)
    {
        sendWrapper.wrap(data);
        return send(sendWrapper, 0, data.length, flags);
    }

    /**
     * Sends the last (or only) frame of a message, blocking up to SNDTIMEO.
     *
     * @return true if sent, false if SNDTIMEO expired.
     * @throws RingMqException for any other status, naming the socket type and state.
     */
    public boolean send(final byte[] data)
    {
        return check(send(data, 0), "send");
    }

    /** Sends a frame with more to follow. @see #send(byte[]) */
    public boolean sendMore(final byte[] data)
    {
        return check(send(data, SNDMORE), "send");
    }

    /** Sends a string as one UTF-8 frame. @see #send(byte[]) */
    public boolean send(final String data)
    {
        return send(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a string frame with more to follow. @see #send(byte[]) */
    public boolean sendMore(final String data)
    {
        return sendMore(data.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ receive

    /**
     * Receives one frame; blocks up to RCVTIMEO unless {@link #DONTWAIT}. On success read it with {@link #frame()}.
     *
     * @return the frame's length (0 or more), or WOULD_BLOCK, WRONG_STATE, TERMINATED, INTERRUPTED.
     */
    public int recv(final int flags)
    {
        final int length = recvFrame(flags);
        if (length >= 0 && null != counters)
        {
            counters.frameReceived(length, frame.more);
        }
        return length;
    }

    private int recvFrame(final int flags)
    {
        checkOpen();
        if (context.isClosed())
        {
            return Status.TERMINATED;
        }
        processInbox();
        int status = pattern.recv(frame);
        if (Status.WOULD_BLOCK == status && null != callerRunsAgent)
        {
            // Caller-runs: nothing decoded yet, so read the network on this thread and look again.
            callerRunsAgent.doWork();
            processInbox();
            status = pattern.recv(frame);
        }
        if (Status.WOULD_BLOCK == status && (flags & DONTWAIT) == 0 && 0 != options.rcvTimeoutMs)
        {
            final long deadline = deadline(options.rcvTimeoutMs);
            idle.reset();
            while (true)
            {
                final int waited = await(deadline);
                if (Status.OK != waited)
                {
                    return waited;
                }
                processInbox();
                status = pattern.recv(frame);
                if (Status.WOULD_BLOCK != status)
                {
                    idle.reset();
                    break;
                }
            }
        }
        return Status.OK == status ? frame.view.capacity() : status;
    }

    /**
     * Receives one frame into {@code destination} at {@code offset}, truncating it to the space there as
     * {@code zmq_recv} does.
     *
     * @return the frame's full length, or a status.
     */
    public int recv(final MutableDirectBuffer destination, final int offset, final int flags)
    {
        final int length = recv(flags);
        if (length > 0)
        {
            destination.putBytes(offset, frame.view, 0, Math.min(length, destination.capacity() - offset));
        }
        return length;
    }

    /**
     * @return the frame last received: valid until the next receive, readiness check ({@link #canReceive()}) or
     * close, not to be written.
     */
    public DirectBuffer frame()
    {
        return frame.view;
    }

    /**
     * A property of the connection the frame last received came from, as {@code zmq_msg_gets}: {@code Socket-Type}
     * and {@code Peer-Address} for inproc; transports add {@code User-Id} and ZAP properties. Names are
     * case-insensitive.
     *
     * @return the value, or null if the connection has no such property or nothing was received.
     */
    public String property(final String name)
    {
        final Object metadata = frame.metadata;
        return metadata instanceof Metadata ? ((Metadata)metadata).get(name) : null;
    }

    /** @return true if the frame last received has more frames after it (libzmq's ZMQ_RCVMORE). */
    public boolean hasMore()
    {
        return frame.more;
    }

    /**
     * Receives one frame as a new array, blocking up to RCVTIMEO.
     *
     * @return the frame, or null if RCVTIMEO expired.
     * @throws RingMqException for any other status, naming the socket type and state.
     */
    public byte[] recv()
    {
        final int length = recv(0);
        if (!check(length, "receive"))
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        frame.view.getBytes(0, bytes);
        return bytes;
    }

    /** Receives one frame as a UTF-8 string. @see #recv() */
    public String recvString()
    {
        final byte[] bytes = recv();
        return null == bytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ readiness

    /** @return true if a receive would not block now (libzmq's ZMQ_POLLIN in ZMQ_EVENTS). */
    public boolean canReceive()
    {
        checkOpen();
        if (null != callerRunsAgent)
        {
            callerRunsAgent.doWork();
        }
        processInbox();
        return pattern.canRecv();
    }

    /** @return true if a send would not block now (libzmq's ZMQ_POLLOUT in ZMQ_EVENTS). */
    public boolean canSend()
    {
        checkOpen();
        processInbox();
        return pattern.canSend();
    }

    /**
     * The readiness hook, like libzmq's ZMQ_FD: {@code listener} runs whenever a message arrives for this socket or
     * room frees up in one of its pipes, so an application's own event loop can sleep and be woken (e.g. by calling
     * {@code Selector.wakeup()}). It runs on the producing thread (a peer socket's or an I/O agent's): it must be
     * quick, thread-safe, and must not touch this socket. Wake-ups are hints, as ZMQ_FD's edges are: after one, the
     * owner checks {@link #canReceive()} / {@link #canSend()} or receives with {@link #DONTWAIT} until would-block.
     *
     * @param listener null to remove.
     */
    public void readinessListener(final Runnable listener)
    {
        checkOpen();
        processInbox();
        final Waker baseWaker = this.baseWaker;
        final Waker newWaker = null == listener ? baseWaker : () ->
        {
            baseWaker.wake();
            listener.run();
        };
        waker = newWaker;
        for (int i = 0, size = links.size(); i < size; i++)
        {
            links.get(i).end.waker(newWaker);
        }
    }

    // ------------------------------------------------------------------ monitoring

    /**
     * libzmq's {@code zmq_socket_monitor}: binds a PAIR socket at {@code endpoint} (an inproc endpoint) and sends it
     * the selected events in libzmq's two-frame format (see {@link MonitorEvent}); connect a PAIR to it to read them.
     * A null endpoint stops monitoring, which sends MONITOR_STOPPED first. Closing this socket stops it too.
     *
     * @param events a mask of {@link MonitorEvent} constants.
     */
    public void monitor(final String endpoint, final int events)
    {
        checkOpen();
        stopMonitor();
        if (null == endpoint)
        {
            return;
        }
        final Socket pair = context.socket(SocketType.PAIR);
        try
        {
            pair.bind(endpoint);
        }
        catch (final RingMqException ex)
        {
            pair.close();
            throw ex;
        }
        synchronized (monitorLock)
        {
            monitorSocket = pair;
            monitorEvents = events;
        }
    }

    /**
     * Delivers the selected events to {@code listener} instead of a PAIR socket; null stops monitoring.
     *
     * @param events a mask of {@link MonitorEvent} constants.
     */
    public void monitor(final MonitorEvent.Listener listener, final int events)
    {
        checkOpen();
        stopMonitor();
        synchronized (monitorLock)
        {
            monitorListener = listener;
            monitorEvents = null == listener ? 0 : events;
        }
    }

    /**
     * Raises an event; transports call this from I/O threads, so delivery is serialised on a lock (as libzmq's
     * monitor mutex).
     */
    /**
     * @param reason a limit: {@link MonitorEvent#LIMIT_CONNECTIONS}, {@link MonitorEvent#LIMIT_HANDSHAKES},
     *               {@link MonitorEvent#LIMIT_HANDSHAKE_RATE}, {@link MonitorEvent#LIMIT_SUBSCRIPTIONS} or
     *               {@link MonitorEvent#LIMIT_TOPIC_LENGTH}.
     * @return connections or subscriptions this socket refused for that limit so far (any thread).
     */
    public long limitRefusals(final int reason)
    {
        return reason > 0 && reason < limitRefusals.length() ? limitRefusals.get(reason) : 0;
    }

    void event(final int event, final long value, final String endpoint)
    {
        event(event, value, endpoint, null);
    }

    /**
     * Raises an event with a reason for failures (handshake refused, bad bytes) that listeners may read.
     */
    void event(final int event, final long value, final String endpoint, final String detail)
    {
        if (event == MonitorEvent.LIMIT_REFUSED && value > 0 && value < limitRefusals.length())
        {
            limitRefusals.incrementAndGet((int)value);
        }
        synchronized (monitorLock)
        {
            if ((monitorEvents & event) == 0)
            {
                return;
            }
            if (null != monitorListener)
            {
                monitorListener.onEvent(event, value, endpoint, detail);
            }
            if (null != monitorSocket)
            {
                final UnsafeBuffer eventFrame = new UnsafeBuffer(new byte[6]);
                eventFrame.putShort(0, (short)event, java.nio.ByteOrder.nativeOrder());
                eventFrame.putInt(2, (int)value, java.nio.ByteOrder.nativeOrder());
                // Never block the thread raising the event: a monitor nobody reads loses events, as in libzmq.
                if (Status.OK == monitorSocket.send(eventFrame, 0, 6, SNDMORE | DONTWAIT))
                {
                    final byte[] address = endpoint.getBytes(StandardCharsets.UTF_8);
                    monitorSocket.send(address, 0);
                }
            }
        }
    }

    private void stopMonitor()
    {
        event(MonitorEvent.MONITOR_STOPPED, 0, "");
        synchronized (monitorLock)
        {
            if (null != monitorSocket)
            {
                monitorSocket.close();
                monitorSocket = null;
            }
            monitorListener = null;
            monitorEvents = 0;
        }
    }

    // ------------------------------------------------------------------ options

    /**
     * Sets an option.
     *
     * @throws RingMqException if this socket type does not take it, it is read-only, or the value is invalid.
     */
    public <T> void setOption(final SocketOption<T> option, final T value)
    {
        checkOpen();
        if (!option.appliesTo(type) || !option.isWritable())
        {
            throw new RingMqException(option + " cannot be set on a " + type + " socket (EINVAL)");
        }
        if (null == value)
        {
            throw new RingMqException(option + " on a " + type + " socket cannot be null (EINVAL)");
        }
        final String refused = option.refusal(value);
        if (null != refused)
        {
            throw new RingMqException(option + " on a " + type + " socket " + refused + " (EINVAL)");
        }
        option.store(options, value);
        if (option.scope() == SocketOption.Scope.SOCKET)
        {
            processInbox();
            pattern.option(option, value);
        }
    }

    /**
     * Reads an option.
     *
     * @throws RingMqException if this socket type does not take it or it is write-only.
     */
    public <T> T getOption(final SocketOption<T> option)
    {
        checkOpen();
        if (!option.appliesTo(type) || !option.isReadable())
        {
            throw new RingMqException(option + " cannot be read from a " + type + " socket (EINVAL)");
        }
        return option.load(options);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Closes the socket: bindings are dropped, each peer can still read what was queued to it, then sees the
     * connection closed. Idempotent. Inproc delivers queued messages whatever LINGER says.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        stopMonitor();
        closed = true;
        context.unbindAll(this);
        options.security.close();
        if (null != network)
        {
            network.close();
            if (null != callerRunsAgent)
            {
                lingerCallerRuns();
            }
        }
        processInbox();
        for (int i = links.size() - 1; i >= 0; i--)
        {
            detach(links.get(i));
        }
        if (null != mbean)
        {
            mbean.unregister();
        }
        if (null != counters)
        {
            counters.close();
        }
        context.removed(this);
    }

    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return true once the socket's context is closed (libzmq's ETERM): blocking calls return TERMINATED.
     */
    boolean getContextClosed()
    {
        return context.isClosed();
    }

    /**
     * @return messages this socket sent that no peer or transport has taken yet: what LINGER would still have
     * to deliver if the socket closed now.
     */
    public long pendingOutbound()
    {
        if (null != callerRunsAgent)
        {
            callerRunsAgent.doWork(); // caller-runs: asking is this thread's chance to write what is pending
        }
        processInbox();
        long pending = 0;
        for (int i = 0; i < links.size(); i++)
        {
            final Pipe.End end = links.get(i).end;
            // A peer that has gone takes nothing more: what is left for it will not be delivered, whatever LINGER.
            if (!end.isPeerClosed())
            {
                pending += end.outboundPending();
            }
        }
        return pending;
    }

    /**
     * Caller-runs mode has no I/O thread to write what the socket queued after it closed: do it here, within
     * LINGER, then release the agent.
     */
    private void lingerCallerRuns()
    {
        final IoAgent agent = callerRunsAgent;
        final long deadline = options.lingerMs < 0 ? Long.MAX_VALUE : clock.nanoTime() + options.lingerMs * 1_000_000L;
        // Detach first so the connections see their pipes closed and flush.
        processInbox();
        for (int i = links.size() - 1; i >= 0; i--)
        {
            detach(links.get(i));
        }
        do
        {
            agent.doWork();
        }
        while (agent.isFlushing() && clock.nanoTime() - deadline < 0 && !context.isClosed());
        agent.requestStop();
        agent.onClose();
    }

    @Override
    public String toString()
    {
        return type + " socket (" + (closed ? "closed" : pattern.state()) + ")";
    }

    // ------------------------------------------------------------------ internals

    /** Called by the context on another thread: a peer connected to one of our bindings. */
    void deliver(final Link link)
    {
        link.end.waker(waker);
        // Before the link is handed over: its connection may publish before this socket's thread attaches it.
        installProbes(link);
        inbox.offer(link);
        waker.wake();
    }

    void wakeUp()
    {
        waker.wake();
    }

    /** @return true if this socket does its own network I/O on its thread (caller-runs mode, a tcp/ipc endpoint). */
    boolean isCallerRuns()
    {
        return null != callerRunsAgent;
    }

    /** Lets a poller's thread be woken by this socket's producers while it waits on many sockets (BLOCK only). */
    void armForPoller()
    {
        if (idle instanceof BlockingIdleStrategy)
        {
            ((BlockingIdleStrategy)idle).arm();
        }
    }

    void disarmForPoller()
    {
        idle.reset();
    }

    Context context()
    {
        return context;
    }

    /** @return the links currently attached (for tests). */
    List<Link> links()
    {
        return links;
    }

    Pattern pattern()
    {
        return pattern;
    }

    /**
     * Attaches a connect-side session link now, on this socket's thread (see {@link SocketNetwork#connect}).
     */
    void attachSession(final Link link)
    {
        attach(link);
    }

    /**
     * Called on an I/O thread: a session link's connection was re-established.
     */
    void deliverReconnected(final Link link)
    {
        if (null != link)
        {
            reconnected.offer(link);
            waker.wake();
        }
    }

    private void processInbox()
    {
        if (!reconnected.isEmpty())
        {
            Link link;
            while (null != (link = reconnected.poll()))
            {
                if (link.attached && (type == SocketType.SUB || type == SocketType.XSUB))
                {
                    // libzmq's hiccup: the new publisher knows none of our subscriptions; attaching again
                    // replays them.
                    pattern.detach(link);
                    pattern.attach(link);
                }
            }
        }
        if (!inbox.isEmpty())
        {
            Link link;
            while (null != (link = inbox.poll()))
            {
                if (closed)
                {
                    link.end.close();
                }
                else
                {
                    attach(link);
                }
            }
        }
    }

    private void attach(final Link link)
    {
        link.end.waker(waker);
        installProbes(link);
        if (pattern.attach(link))
        {
            link.attached = true;
            links.add(link);
            if (options.probeRouter && Pipe.CLAIMED == link.end.tryClaim())
            {
                // An empty message, so that a ROUTER peer learns this connection's routing id before we speak.
                link.end.append(NO_BYTES, 0, 0);
                link.end.publish();
            }
        }
        else
        {
            link.end.close();
        }
    }

    void detach(final Link link)
    {
        if (link.attached)
        {
            link.attached = false;
            pattern.detach(link);
            links.remove(link);
        }
        link.end.close();
    }

    private long deadline(final int timeoutMs)
    {
        return timeoutMs < 0 ? Long.MAX_VALUE : clock.nanoTime() + timeoutMs * 1_000_000L;
    }

    /**
     * Idles once, then reports why the caller must stop waiting, if it must.
     *
     * @return {@link Status#OK} to retry, or WOULD_BLOCK (deadline passed), TERMINATED, INTERRUPTED.
     */
    private int await(final long deadline)
    {
        long remaining = Long.MAX_VALUE;
        if (Long.MAX_VALUE != deadline)
        {
            remaining = deadline - clock.nanoTime();
            if (remaining <= 0)
            {
                idle.reset();
                return Status.WOULD_BLOCK;
            }
        }
        if (null != callerRunsAgent)
        {
            // Caller-runs: this thread is the I/O thread. Park in the agent's selector (block) or idle between
            // duty cycles (other strategies).
            if (callerRunsAgent.doWork() == 0)
            {
                if (idle instanceof BlockingIdleStrategy)
                {
                    callerRunsAgent.park(remaining);
                }
                else
                {
                    idle.idle();
                }
            }
        }
        else if (idle instanceof BlockingIdleStrategy)
        {
            ((BlockingIdleStrategy)idle).idle(remaining);
        }
        else
        {
            idle.idle();
        }
        if (context.isClosed())
        {
            idle.reset();
            return Status.TERMINATED;
        }
        if (Thread.currentThread().isInterrupted())
        {
            idle.reset();
            return Status.INTERRUPTED;
        }
        return Status.OK;
    }

    private boolean check(final int status, final String operation)
    {
        if (status >= 0)
        {
            return true;
        }
        if (Status.WOULD_BLOCK == status)
        {
            return false;
        }
        throw new RingMqException(type + " socket cannot " + operation + " in state '" + pattern.state() + "': " +
            Status.name(status), status);
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new RingMqException(type + " socket is closed");
        }
    }
}
