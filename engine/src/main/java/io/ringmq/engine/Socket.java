package io.ringmq.engine;

import io.ringmq.rings.BlockingIdleStrategy;
import io.ringmq.transports.agent.IoAgent;
import io.ringmq.rings.IdleStrategyKind;
import io.ringmq.transports.zmtp.Metadata;
import io.ringmq.rings.Waker;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
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

    final Options options;
    private final Context context;
    private final SocketType type;
    private final Pattern pattern;
    /** What pipes poke without a readiness listener: the idle strategy, and in caller-runs the agent. */
    private final Waker baseWaker;
    private final int id;
    /** Null when the context keeps no counters file. */
    final SocketCounters counters;
    /** Latency recorders while tracking is on; REQ times its requests with them. */
    final SocketLatency latencyTracking;
    /** Null unless the context registers MXBeans. */
    private final SocketMBean mbean;
    private final NanoClock clock;
    /** The links to peers, and the queues other threads hand new ones in by. */
    final SocketLinks links;
    /** The frame last received; patterns that must look ahead (SUB's filter) receive into it early. */
    final Frame frame = new Frame();
    private final UnsafeBuffer sendWrapper = new UnsafeBuffer(0, 0);
    /** Where this socket's events go; transports and patterns raise them here, from any thread. */
    final SocketMonitor monitor;
    private final SocketEndpoints endpoints;
    /** The status path of send and receive: the pattern, caller-runs' I/O, waiting. */
    private final SocketTransfer transfer;
    /** Set under the context's registry lock when the socket closes, so nobody delivers it a link afterwards. */
    boolean closedInRegistry;
    private boolean closed;

    Socket(final Context context, final SocketType type)
    {
        this.context = context;
        this.type = type;
        this.options = new Options(type);
        this.clock = context.clock();
        final IdleStrategy idle = context.idleStrategy().newStrategy();
        // Wakes this socket's thread if parked (BLOCK), else Waker.NONE.
        this.baseWaker = baseWaker(idle, IdleStrategyKind.wakerFor(idle));
        this.latencyTracking = new SocketLatency(clock, context.latencyTracking());
        this.id = context.nextSocketId();
        this.counters = SocketCounters.create(context.countersFile(), id, type + "-" + id);
        this.monitor = new SocketMonitor(counters);
        this.pattern = Pattern.create(this);
        this.links = new SocketLinks(this, pattern, options, baseWaker, counters);
        this.endpoints = new SocketEndpoints(this, context, options);
        this.transfer = new SocketTransfer(context, options, pattern, links, frame, idle);
        this.mbean = null != counters && context.jmx() ?
            SocketMBean.register(context.id(), type.toString(), id, counters, this) : null;
    }

    /**
     * In caller-runs mode with the block strategy this thread may be parked in its own I/O agent's selector: wake
     * that too. Other strategies never park there, and keep the no-op waker, which also spares every publish its
     * fence (MessageRing.wake).
     */
    private Waker baseWaker(final IdleStrategy idle, final Waker idleWaker)
    {
        if (context.ioThreads() > 0 || !(idle instanceof BlockingIdleStrategy))
        {
            return idleWaker;
        }
        return () ->
        {
            idleWaker.wake();
            final CallerRunsInvoker callerRuns = transfer.callerRuns();
            if (null != callerRuns)
            {
                callerRuns.wake();
            }
        };
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
        links.latencyProbes(latencyTracking.track(sampleEvery));
    }

    /**
     * @return what latency tracking recorded since it was switched on: totals, and the interval since the previous
     * call (for .hlog interval logs).
     * @throws IllegalStateException if tracking is off.
     */
    public LatencySnapshot latency()
    {
        final LatencyTracker tracker = latencyTracking.tracker();
        if (null == tracker)
        {
            throw new IllegalStateException("latency tracking is off on this " + type + " socket (trackLatency)");
        }
        return tracker.snapshot();
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
        endpoints.bind(endpoint);
    }

    /**
     * Connects to an endpoint. For inproc the peer may bind before or after, as libzmq 4.x allows; messages sent
     * before the bind are queued up to SNDHWM and delivered once it happens.
     */
    public void connect(final String endpoint)
    {
        checkOpen();
        endpoints.connect(endpoint);
    }

    /** Stops accepting connections at {@code endpoint}; connections already made stay (libzmq inproc semantics). */
    public void unbind(final String endpoint)
    {
        checkOpen();
        endpoints.unbind(endpoint);
    }

    /** Closes the connections this socket made to {@code endpoint}. Messages already queued are still delivered. */
    public void disconnect(final String endpoint)
    {
        checkOpen();
        endpoints.disconnect(endpoint);
    }

    /** @return the endpoint of the last bind or connect, "" if none (libzmq's ZMQ_LAST_ENDPOINT). */
    public String lastEndpoint()
    {
        return options.lastEndpoint;
    }

    /**
     * @return the I/O agent for this socket's first tcp or ipc endpoint: one of the context's I/O threads', or in
     * caller-runs mode the socket's own, whose duty cycle its calls run from now on.
     */
    IoAgent networkAgent()
    {
        if (context.ioThreads() > 0)
        {
            return context.ioAgent(options.affinity);
        }
        final CallerRunsInvoker callerRuns = new CallerRunsInvoker("ringmq-" + type + "-caller-runs", clock);
        transfer.callerRuns(callerRuns);
        return callerRuns.agent();
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
        checkOpen();
        final int status = transfer.send(buffer, offset, length, flags);
        if (Status.OK == status && null != counters)
        {
            counters.frameSent(length, (flags & SNDMORE) != 0);
        }
        return status;
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
        checkOpen();
        final int length = transfer.recv(flags);
        if (length >= 0 && null != counters)
        {
            counters.frameReceived(length, frame.more);
        }
        return length;
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
        transfer.doCallerRunsWork();
        links.processInbox();
        return pattern.canRecv();
    }

    /** @return true if a send would not block now (libzmq's ZMQ_POLLOUT in ZMQ_EVENTS). */
    public boolean canSend()
    {
        checkOpen();
        links.processInbox();
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
        final Waker baseWaker = this.baseWaker;
        final Waker newWaker = null == listener ? baseWaker : () ->
        {
            baseWaker.wake();
            listener.run();
        };
        links.waker(newWaker);
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
        monitor.stop();
        if (null != endpoint)
        {
            monitor.toPair(context, endpoint, events);
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
        monitor.stop();
        monitor.toListener(listener, events);
    }

    /**
     * @param reason a limit: {@link MonitorEvent#LIMIT_CONNECTIONS}, {@link MonitorEvent#LIMIT_HANDSHAKES},
     *               {@link MonitorEvent#LIMIT_HANDSHAKE_RATE}, {@link MonitorEvent#LIMIT_SUBSCRIPTIONS} or
     *               {@link MonitorEvent#LIMIT_TOPIC_LENGTH}.
     * @return connections or subscriptions this socket refused for that limit so far (any thread).
     */
    public long limitRefusals(final int reason)
    {
        return monitor.limitRefusals(reason);
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
        option.checkSettable(type, value);
        option.store(options, value);
        if (option.scope() == SocketOption.Scope.SOCKET)
        {
            links.processInbox();
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
        option.checkReadable(type);
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
        monitor.stop();
        closed = true;
        context.inproc().unbindAll(this);
        options.security.close();
        endpoints.close();
        final CallerRunsInvoker callerRuns = transfer.callerRuns();
        if (null != callerRuns)
        {
            // No I/O thread writes what was queued once the socket is closed: this one does, within LINGER. The links
            // go first, so that their connections see their pipes closed and flush.
            final long lingerDeadline = transfer.deadline(options.lingerMs);
            links.detachAll();
            callerRuns.closeAfterLinger(lingerDeadline, clock, context);
        }
        links.detachAll();
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
     * @return messages this socket sent that no peer or transport has taken yet: what LINGER would still have
     * to deliver if the socket closed now.
     */
    public long pendingOutbound()
    {
        transfer.doCallerRunsWork(); // caller-runs: asking is this thread's chance to write what is pending
        return links.pendingOutbound();
    }

    @Override
    public String toString()
    {
        return type + " socket (" + (closed ? "closed" : pattern.state()) + ")";
    }

    // ------------------------------------------------------------------ internals

    /** @return true if this socket does its own network I/O on its thread (caller-runs mode, a tcp/ipc endpoint). */
    boolean isCallerRuns()
    {
        return null != transfer.callerRuns();
    }

    /** Lets a poller's thread be woken by this socket's producers while it waits on many sockets (BLOCK only). */
    void armForPoller()
    {
        transfer.armForPoller();
    }

    void disarmForPoller()
    {
        transfer.disarmForPoller();
    }

    Context context()
    {
        return context;
    }

    /** @return the links currently attached (for tests). */
    List<Link> links()
    {
        return links.attached();
    }

    Pattern pattern()
    {
        return pattern;
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
