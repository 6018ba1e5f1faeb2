package io.ringmq.engine;

import io.ringmq.crypto.CurveKeys;
import io.ringmq.rings.Pipe;
import io.ringmq.transports.AddressMask;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A typed socket option, named and numbered as in libzmq. Set with {@link Socket#setOption(SocketOption, Object)},
 * read with {@link Socket#getOption(SocketOption)}. Setting an option the socket type does not take, or a write-only
 * or read-only option the wrong way, or a value out of its range, throws {@link RingMqException} (EINVAL).
 *
 * <p>The constants are the option table: each knows its number, value type, libzmq default, validation, the socket
 * types and layer it applies to, and which field of the socket's options record holds it, so {@link Socket} asks the
 * option instead of branching on it. Values are validated once, when set.
 *
 * @param <T> the value type.
 */
public final class SocketOption<T>
{
    private static final Set<SocketType> ALL = EnumSet.allOf(SocketType.class);
    private static final int MAX = Integer.MAX_VALUE;
    private static final System.Logger LOG = System.getLogger(SocketOption.class.getName());

    /** Outbound high-water mark in messages, default 1000; 0 = {@link Pipe#MAX_HWM}. */
    public static final SocketOption<Integer> SNDHWM = ints("SNDHWM", 23, ALL, Scope.SOCKET, 1000, 0, MAX,
        o -> o.sndHwm, (o, v) -> o.sndHwm = v);
    /** Inbound high-water mark in messages, default 1000; 0 = {@link Pipe#MAX_HWM}. */
    public static final SocketOption<Integer> RCVHWM = ints("RCVHWM", 24, ALL, Scope.SOCKET, 1000, 0, MAX,
        o -> o.rcvHwm, (o, v) -> o.rcvHwm = v);
    /** Milliseconds a blocking send waits: -1 (default) forever, 0 never. */
    public static final SocketOption<Integer> SNDTIMEO = ints("SNDTIMEO", 28, ALL, Scope.SOCKET, -1, -1, MAX,
        o -> o.sndTimeoutMs, (o, v) -> o.sndTimeoutMs = v);
    /** Milliseconds a blocking receive waits: -1 (default) forever, 0 never. */
    public static final SocketOption<Integer> RCVTIMEO = ints("RCVTIMEO", 27, ALL, Scope.SOCKET, -1, -1, MAX,
        o -> o.rcvTimeoutMs, (o, v) -> o.rcvTimeoutMs = v);
    /** Milliseconds queued messages are kept after close; -1 default. Inproc delivers what was queued regardless. */
    public static final SocketOption<Integer> LINGER = ints("LINGER", 17, ALL, Scope.SOCKET, -1, -1, MAX,
        o -> o.lingerMs, (o, v) -> o.lingerMs(v));
    /** The routing id this socket announces to ROUTER peers, 1 to 255 bytes, not starting with a zero byte. */
    public static final SocketOption<byte[]> ROUTING_ID = bytes("ROUTING_ID", 5, ALL, Scope.SOCKET, new byte[0],
        v -> v.length < 1 || v.length > RoutingId.MAX_LENGTH || v[0] == 0 ?
            "must be 1 to 255 bytes not starting with a zero byte" : null,
        o -> o.routingId.clone(), (o, v) -> o.routingId = v.clone());
    /** libzmq's older name for {@link #ROUTING_ID} (ZMQ_IDENTITY, the same option number 5). */
    public static final SocketOption<byte[]> IDENTITY = ROUTING_ID;
    /**
     * ROUTER: report {@link Status#UNROUTABLE} for unknown routing ids, and would-block at a peer's mark, instead of
     * dropping.
     */
    public static final SocketOption<Boolean> ROUTER_MANDATORY = flag("ROUTER_MANDATORY", 33,
        EnumSet.of(SocketType.ROUTER), Scope.SOCKET, false, null, (o, v) -> o.routerMandatory = v);
    /** REQ: allow a new request before the reply arrived; the old reply is then dropped. */
    public static final SocketOption<Boolean> REQ_RELAXED = flag("REQ_RELAXED", 53, EnumSet.of(SocketType.REQ),
        Scope.SOCKET, false, null, (o, v) -> o.reqRelaxed = v);
    /** REQ: prefix requests with an id and accept only the reply carrying it. */
    public static final SocketOption<Boolean> REQ_CORRELATE = flag("REQ_CORRELATE", 52, EnumSet.of(SocketType.REQ),
        Scope.SOCKET, false, null, (o, v) -> o.reqCorrelate = v);
    /** SUB: add a prefix subscription (empty = everything). */
    public static final SocketOption<byte[]> SUBSCRIBE = bytes("SUBSCRIBE", 6,
        EnumSet.of(SocketType.SUB, SocketType.XPUB), Scope.SOCKET, null, v -> null, null, SocketOption::patternOnly);
    /** SUB: remove one prefix subscription. */
    public static final SocketOption<byte[]> UNSUBSCRIBE = bytes("UNSUBSCRIBE", 7,
        EnumSet.of(SocketType.SUB, SocketType.XPUB), Scope.SOCKET, null, v -> null, null, SocketOption::patternOnly);
    /** XPUB: pass every subscription message up, not only the first for a topic. */
    public static final SocketOption<Boolean> XPUB_VERBOSE = flag("XPUB_VERBOSE", 40, EnumSet.of(SocketType.XPUB),
        Scope.SOCKET, false, null, (o, v) -> o.xpubVerbose = v);
    /** XPUB: like XPUB_VERBOSE, and pass every unsubscribe up too, not only the last for a topic. */
    public static final SocketOption<Boolean> XPUB_VERBOSER = flag("XPUB_VERBOSER", 78,
        EnumSet.of(SocketType.XPUB), Scope.SOCKET, false, null, (o, v) ->
        {
            o.xpubVerbose = v;
            o.xpubVerboseUnsubscribe = v;
        });
    /**
     * ROUTER: deliver [routing id, empty frame] when a peer connects ({@code 1}), disconnects ({@code 2}) or both
     * ({@code 3}).
     */
    public static final SocketOption<Integer> ROUTER_NOTIFY = ints("ROUTER_NOTIFY", 97, EnumSet.of(SocketType.ROUTER),
        Scope.SOCKET, 0, 0, 3, o -> o.routerNotify, (o, v) -> o.routerNotify = v);
    /** XPUB: subscriptions reach the application only; it subscribes the last peer with SUBSCRIBE/UNSUBSCRIBE. */
    public static final SocketOption<Boolean> XPUB_MANUAL = flag("XPUB_MANUAL", 71, EnumSet.of(SocketType.XPUB),
        Scope.SOCKET, false, null, (o, v) -> o.xpubManual = v);
    /** Keep only the newest inbound message (PULL, PUSH, SUB, PUB, DEALER). */
    public static final SocketOption<Boolean> CONFLATE = flag("CONFLATE", 54,
        EnumSet.of(SocketType.PULL, SocketType.PUSH, SocketType.SUB, SocketType.PUB, SocketType.DEALER), Scope.SOCKET,
        false, o -> o.conflate, (o, v) -> o.conflate = v);
    /**
     * ringmq extension, PUB/XPUB: distinct subscriptions kept; a new one beyond it is ignored, with a
     * {@link MonitorEvent#LIMIT_REFUSED} event. 0 (default) = no limit, as libzmq.
     */
    public static final SocketOption<Integer> MAX_SUBSCRIPTIONS = ints("MAX_SUBSCRIPTIONS", 0x10005,
        EnumSet.of(SocketType.PUB, SocketType.XPUB), Scope.SOCKET, 0, 0, MAX, o -> o.maxSubscriptions,
        (o, v) -> o.maxSubscriptions = v);
    /**
     * ringmq extension, PUB/XPUB: the longest topic a subscription may have, in bytes; a longer one is ignored,
     * with a {@link MonitorEvent#LIMIT_REFUSED} event. 0 (default) = no limit, as libzmq.
     */
    public static final SocketOption<Integer> MAX_TOPIC_LENGTH = ints("MAX_TOPIC_LENGTH", 0x10006,
        EnumSet.of(SocketType.PUB, SocketType.XPUB), Scope.SOCKET, 0, 0, MAX, o -> o.maxTopicLength,
        (o, v) -> o.maxTopicLength = v);
    /** XPUB/PUB: at a subscriber's mark, report {@link Status#WOULD_BLOCK} (and send to nobody) instead of dropping. */
    public static final SocketOption<Boolean> XPUB_NODROP = flag("XPUB_NODROP", 69,
        EnumSet.of(SocketType.XPUB, SocketType.PUB), Scope.SOCKET, false, null, (o, v) -> o.xpubNoDrop = v);
    /** XPUB: a message sent to each new subscriber when it connects. */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG = bytes("XPUB_WELCOME_MSG", 72,
        EnumSet.of(SocketType.XPUB), Scope.SOCKET, new byte[0], v -> null, null,
        (o, v) -> o.xpubWelcome = v.length == 0 ? null : v.clone());
    /** PUB/XPUB send to peers NOT subscribed to a matching prefix; SUB/XSUB receive messages that do NOT match. */
    public static final SocketOption<Boolean> INVERT_MATCHING = flag("INVERT_MATCHING", 74,
        EnumSet.of(SocketType.PUB, SocketType.XPUB, SocketType.SUB, SocketType.XSUB), Scope.SOCKET, false,
        o -> o.invertMatching, (o, v) -> o.invertMatching = v);
    /** ROUTER: a new peer announcing a routing id in use takes it over; the old connection is closed. */
    public static final SocketOption<Boolean> ROUTER_HANDOVER = flag("ROUTER_HANDOVER", 56,
        EnumSet.of(SocketType.ROUTER), Scope.SOCKET, false, null, (o, v) -> o.routerHandover = v);
    /** ROUTER, DEALER, REQ: send an empty message to every new peer, so a ROUTER peer learns our routing id at once. */
    public static final SocketOption<Boolean> PROBE_ROUTER = flag("PROBE_ROUTER", 51,
        EnumSet.of(SocketType.ROUTER, SocketType.DEALER, SocketType.REQ), Scope.SOCKET, false, null,
        (o, v) -> o.probeRouter = v);
    /** ROUTER: the routing id to give the peer of the next {@code connect}, instead of the one it announces. */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID = bytes("CONNECT_ROUTING_ID", 61,
        EnumSet.of(SocketType.ROUTER), Scope.SOCKET, null,
        v -> v.length < 1 || v.length > RoutingId.MAX_LENGTH ? "must be 1 to 255 bytes" : null, null,
        (o, v) -> o.connectRoutingId = v.clone());
    /** libzmq's older name for {@link #CONNECT_ROUTING_ID} (ZMQ_CONNECT_RID, the same option number 61). */
    public static final SocketOption<byte[]> CONNECT_RID = CONNECT_ROUTING_ID;
    /** Queue messages only on completed connections: an inproc connect waits for the bind before it is used. */
    public static final SocketOption<Boolean> IMMEDIATE = flag("IMMEDIATE", 39, ALL, Scope.SOCKET, false,
        o -> o.immediate, (o, v) -> o.immediate = v);
    /** The endpoint of the last bind or connect, read-only. */
    public static final SocketOption<String> LAST_ENDPOINT = readOnly("LAST_ENDPOINT", 32, String.class, "",
        o -> o.lastEndpoint);
    /** The socket's type, read-only. */
    public static final SocketOption<SocketType> TYPE = readOnly("TYPE", 16, SocketType.class, null, o -> o.type);
    /** The security mechanism new connections use, read-only: 0 NULL, 1 PLAIN, 2 CURVE (libzmq's numbers). */
    public static final SocketOption<Integer> MECHANISM = readOnly("MECHANISM", 43, Integer.class, 0,
        o -> o.security.mechanism());
    /** Whether the socket may be used from several threads at once, read-only: never for these socket types. */
    public static final SocketOption<Boolean> THREAD_SAFE = readOnly("THREAD_SAFE", 81, Boolean.class, false,
        o -> false);
    /**
     * I/O threads (bit n = the n-th) the socket's tcp and ipc connections may use; default 0 = any. As in libzmq it
     * must be set before the first bind or connect that needs one: the socket keeps the thread it got then.
     */
    public static final SocketOption<Long> AFFINITY = longs("AFFINITY", 4, ALL, Scope.SOCKET, 0L, Long.MIN_VALUE,
        o -> o.affinity, (o, v) -> o.affinity = v);
    /** STREAM, and a ROUTER with ROUTER_RAW: deliver the empty connect and disconnect messages (default true). */
    public static final SocketOption<Boolean> STREAM_NOTIFY = flag("STREAM_NOTIFY", 73,
        EnumSet.of(SocketType.STREAM, SocketType.ROUTER),
        Scope.SOCKET, true, null, (o, v) -> o.streamNotify = v);
    /**
     * ROUTER: raw mode (deprecated in libzmq for STREAM): tcp and ipc connections made after it is set carry raw
     * bytes, exactly as a STREAM socket's.
     */
    public static final SocketOption<Boolean> ROUTER_RAW = flag("ROUTER_RAW", 41, EnumSet.of(SocketType.ROUTER),
        Scope.SOCKET, false, null, (o, v) -> o.routerRaw = v);

    // Network transports (tcp, ipc). Durations in milliseconds as in libzmq.
    /** Initial reconnection interval, default 100 ms; -1 = never reconnect. */
    public static final SocketOption<Integer> RECONNECT_IVL = ints("RECONNECT_IVL", 18, ALL, Scope.NETWORK, 100, -1,
        MAX, o -> o.transport.reconnectIvlMs(), (o, v) -> o.transport.reconnectIvlMs(v));
    /** Upper bound of the doubling reconnection back-off; 0 (default) = no back-off. */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX = ints("RECONNECT_IVL_MAX", 21, ALL, Scope.NETWORK, 0,
        0, MAX, o -> o.transport.reconnectIvlMaxMs(), (o, v) -> o.transport.reconnectIvlMaxMs(v));
    /** Largest frame accepted from the network in bytes, default -1 = no limit; larger frames cost the connection. */
    public static final SocketOption<Long> MAXMSGSIZE = longs("MAXMSGSIZE", 22, ALL, Scope.NETWORK, -1L, -1,
        o -> o.transport.maxMsgSize(), (o, v) -> o.transport.maxMsgSize(v));
    /** Deadline for a connection's ZMTP handshake, default 30 000 ms; 0 = none. */
    public static final SocketOption<Integer> HANDSHAKE_IVL = ints("HANDSHAKE_IVL", 66, ALL, Scope.NETWORK, 30_000, 0,
        MAX, o -> o.transport.handshakeIvlMs(), (o, v) -> o.transport.handshakeIvlMs(v));
    /** Interval between PINGs, default 0 = no heartbeats. */
    public static final SocketOption<Integer> HEARTBEAT_IVL = ints("HEARTBEAT_IVL", 75, ALL, Scope.NETWORK, 0, 0, MAX,
        o -> o.transport.heartbeatIvlMs(), (o, v) -> o.transport.heartbeatIvlMs(v));
    /** TTL announced in each PING (sent in deciseconds, so at most 6 553 599 ms), default 0. */
    public static final SocketOption<Integer> HEARTBEAT_TTL = ints("HEARTBEAT_TTL", 76, ALL, Scope.NETWORK, 0, 0,
        6_553_599, o -> o.transport.heartbeatTtlMs(), (o, v) -> o.transport.heartbeatTtlMs(v));
    /** How long after a PING without traffic the connection is dead; default -1 = HEARTBEAT_IVL. */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT = ints("HEARTBEAT_TIMEOUT", 77, ALL, Scope.NETWORK, -1,
        -1, MAX, o -> o.transport.heartbeatTimeoutMs(), (o, v) -> o.transport.heartbeatTimeoutMs(v));
    /**
     * ringmq extension (not in libzmq, whose handshake commands are bounded only by MAXMSGSIZE): the largest frame
     * accepted before the handshake has completed, in bytes; default 65536. A larger one costs the connection a
     * HANDSHAKE_FAILED_PROTOCOL. Numbered above libzmq's range so it never collides with a future libzmq option.
     */
    public static final SocketOption<Integer> HANDSHAKE_MAX_COMMAND = ints("HANDSHAKE_MAX_COMMAND", 0x10001, ALL,
        Scope.NETWORK, 65_536, 1, MAX, o -> o.transport.handshakeMaxCommand(),
        (o, v) -> o.transport.handshakeMaxCommand(v));
    /**
     * ringmq extension: connections a listener keeps open at once; one more is closed as soon as it is accepted,
     * with a {@link MonitorEvent#LIMIT_REFUSED} event. 0 (default) = no limit, as libzmq.
     */
    public static final SocketOption<Integer> MAX_CONNECTIONS = ints("MAX_CONNECTIONS", 0x10002, ALL, Scope.NETWORK, 0,
        0, MAX, o -> o.transport.maxConnections(), (o, v) -> o.transport.maxConnections(v));
    /**
     * ringmq extension: connections a listener has accepted whose handshake has not completed; one more is refused
     * as with MAX_CONNECTIONS. 0 (default) = no limit.
     */
    public static final SocketOption<Integer> MAX_HANDSHAKES = ints("MAX_HANDSHAKES", 0x10003, ALL, Scope.NETWORK, 0, 0,
        MAX, o -> o.transport.maxHandshakes(), (o, v) -> o.transport.maxHandshakes(v));
    /**
     * ringmq extension: connections one source address may open per second on a listener (a burst of as many);
     * more are refused as with MAX_CONNECTIONS. 0 (default) = no limit.
     */
    public static final SocketOption<Integer> HANDSHAKE_RATE = ints("HANDSHAKE_RATE", 0x10004, ALL, Scope.NETWORK, 0, 0,
        MAX, o -> o.transport.handshakeRate(), (o, v) -> o.transport.handshakeRate(v));
    /** SO_SNDBUF in bytes; -1 (default) = the operating system's. */
    public static final SocketOption<Integer> SNDBUF = ints("SNDBUF", 11, ALL, Scope.NETWORK, -1, -1, MAX,
        o -> o.transport.sndBuf(), (o, v) -> o.transport.sndBuf(v));
    /** SO_RCVBUF in bytes; -1 (default) = the operating system's. */
    public static final SocketOption<Integer> RCVBUF = ints("RCVBUF", 12, ALL, Scope.NETWORK, -1, -1, MAX,
        o -> o.transport.rcvBuf(), (o, v) -> o.transport.rcvBuf(v));
    /** Listen backlog, default 100. */
    public static final SocketOption<Integer> BACKLOG = ints("BACKLOG", 19, ALL, Scope.NETWORK, 100, 0, MAX,
        o -> o.transport.backlog(), (o, v) -> o.transport.backlog(v));
    /** Connect timeout, default 0 = the operating system's. */
    public static final SocketOption<Integer> CONNECT_TIMEOUT = ints("CONNECT_TIMEOUT", 79, ALL, Scope.TCP, 0, 0, MAX,
        o -> o.transport.connectTimeoutMs(), (o, v) -> o.transport.connectTimeoutMs(v));
    /** TCP_MAXRT: accepted and stored for compatibility; JDK 17 exposes no TCP_USER_TIMEOUT, so it is not applied. */
    public static final SocketOption<Integer> TCP_MAXRT = ints("TCP_MAXRT", 80, ALL, Scope.TCP, 0, 0, MAX,
        o -> o.transport.tcpMaxRtMs(), (o, v) -> o.transport.tcpMaxRtMs(v))
        .notApplied("the JDK exposes no TCP_USER_TIMEOUT");
    /** SO_KEEPALIVE: -1 (default) = the operating system's, 0 = off, 1 = on. */
    public static final SocketOption<Integer> TCP_KEEPALIVE = ints("TCP_KEEPALIVE", 34, ALL, Scope.TCP, -1, -1, 1,
        o -> o.transport.tcpKeepAlive(), (o, v) -> o.transport.tcpKeepAlive(v));
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT = ints("TCP_KEEPALIVE_CNT", 35, ALL, Scope.TCP, -1, -1,
        MAX, o -> o.transport.tcpKeepAliveCnt(), (o, v) -> o.transport.tcpKeepAliveCnt(v));
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE = ints("TCP_KEEPALIVE_IDLE", 36, ALL, Scope.TCP, -1,
        -1, MAX, o -> o.transport.tcpKeepAliveIdle(), (o, v) -> o.transport.tcpKeepAliveIdle(v));
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL = ints("TCP_KEEPALIVE_INTVL", 37, ALL, Scope.TCP, -1,
        -1, MAX, o -> o.transport.tcpKeepAliveIntvl(), (o, v) -> o.transport.tcpKeepAliveIntvl(v));
    /** IP type-of-service byte (IP_TOS) of tcp connections, 0 to 255; default 0 = the operating system's. */
    public static final SocketOption<Integer> TOS = ints("TOS", 57, ALL, Scope.TCP, 0, 0, 255, o -> o.transport.tos(),
        (o, v) -> o.transport.tos(v));
    /** IPv6 allowed (default false, as libzmq). Stored: ringmq uses IPv6 wherever an address or name calls for it. */
    public static final SocketOption<Boolean> IPV6 = flag("IPV6", 42, ALL, Scope.TCP, false, o -> o.transport.ipv6(),
        (o, v) -> o.transport.ipv6(v));
    /** libzmq's deprecated negation of {@link #IPV6} (default true); one stored value. */
    public static final SocketOption<Boolean> IPV4ONLY = flag("IPV4ONLY", 31, ALL, Scope.TCP, true,
        o -> !o.transport.ipv6(), (o, v) -> o.transport.ipv6(!v));
    /**
     * tcp listeners: accept only peers in this numeric address or {@code address/bits} mask; each setting adds one,
     * the empty string clears them all. None = everybody. A refused peer is closed unread (ACCEPT_FAILED event).
     */
    public static final SocketOption<String> TCP_ACCEPT_FILTER = text("TCP_ACCEPT_FILTER", 38, Scope.TCP, null, MAX,
        SocketOption::addressMaskRefusal, null,
        (o, v) -> o.transport.addTcpAcceptFilter(v.isEmpty() ? null : AddressMask.parse(v)));
    /** ipc listeners: accept only peer processes of this user id (the JDK's SO_PEERCRED); each adds one, -1 clears. */
    public static final SocketOption<Integer> IPC_FILTER_UID = ints("IPC_FILTER_UID", 59, ALL, Scope.IPC, null, -1, MAX,
        null, (o, v) -> o.transport.addIpcFilterUid(v));
    /** ipc listeners: accept only peer processes whose primary group is this group id; each adds one, -1 clears. */
    public static final SocketOption<Integer> IPC_FILTER_GID = ints("IPC_FILTER_GID", 60, ALL, Scope.IPC, null, -1, MAX,
        null, (o, v) -> o.transport.addIpcFilterGid(v));
    /** Accepted and stored, not applied: the JDK's SO_PEERCRED gives a peer's user and group, not its pid. */
    public static final SocketOption<Integer> IPC_FILTER_PID = ints("IPC_FILTER_PID", 58, ALL, Scope.IPC, null, -1, MAX,
        null, (o, v) -> o.transport.addIpcFilterPid(v))
        .notApplied("the JDK's SO_PEERCRED gives no pid");
    /** Accepted and stored, not applied: the JDK has no SO_BINDTODEVICE. At most 15 bytes; "" (default) = none. */
    public static final SocketOption<String> BINDTODEVICE = text("BINDTODEVICE", 92, Scope.TCP, "", 15, v -> null,
        o -> o.transport.bindToDevice(), (o, v) -> o.transport.bindToDevice(v))
        .notApplied("the JDK has no SO_BINDTODEVICE");
    /** Accepted and stored, not applied: a JDK channel cannot adopt a file descriptor. -1 (default) = none. */
    public static final SocketOption<Integer> USE_FD = ints("USE_FD", 89, ALL, Scope.NETWORK, -1, -1, MAX,
        o -> o.transport.useFd(), (o, v) -> o.transport.useFd(v))
        .notApplied("a JDK channel cannot adopt a file descriptor");
    /** SOCKS5 proxy ({@code host:port}) for tcp connects: accepted and stored, not applied yet (no SOCKS5 client). */
    public static final SocketOption<String> SOCKS_PROXY = text("SOCKS_PROXY", 68, Scope.TCP, "", MAX, v -> null,
        o -> o.transport.socksProxy(), (o, v) -> o.transport.socksProxy(v))
        .notApplied("ringmq has no SOCKS5 client yet; tcp connects go direct");

    // Multicast (pgm, epgm, norm): stored for the multicast transports ringmq does not have yet.
    /** Multicast data rate in kilobits per second, default 100. */
    public static final SocketOption<Integer> RATE = ints("RATE", 8, ALL, Scope.MULTICAST, 100, 1, MAX,
        o -> o.transport.rate(), (o, v) -> o.transport.rate(v));
    /** Multicast recovery interval in milliseconds, default 10 000. */
    public static final SocketOption<Integer> RECOVERY_IVL = ints("RECOVERY_IVL", 9, ALL, Scope.MULTICAST, 10_000, 0,
        MAX, o -> o.transport.recoveryIvlMs(), (o, v) -> o.transport.recoveryIvlMs(v));
    /** Multicast time-to-live, default 1. */
    public static final SocketOption<Integer> MULTICAST_HOPS = ints("MULTICAST_HOPS", 25, ALL, Scope.MULTICAST, 1, 1,
        MAX, o -> o.transport.multicastHops(), (o, v) -> o.transport.multicastHops(v));
    /** Largest multicast transport data unit in bytes, default 1500. */
    public static final SocketOption<Integer> MULTICAST_MAXTPDU = ints("MULTICAST_MAXTPDU", 84, ALL, Scope.MULTICAST,
        1500, 1, MAX, o -> o.transport.multicastMaxTpdu(), (o, v) -> o.transport.multicastMaxTpdu(v));

    // Security (CurveZMQ, PLAIN, ZAP). Keys: 32 bytes, or 40 Z85 characters (41 with a terminating NUL).
    /** Be a CURVE server (needs CURVE_PUBLICKEY and CURVE_SECRETKEY). */
    public static final SocketOption<Boolean> CURVE_SERVER = flag("CURVE_SERVER", 47, ALL, Scope.SECURITY, false,
        o -> o.security.curveServer, (o, v) -> o.security.curveServer(v));
    public static final SocketOption<byte[]> CURVE_PUBLICKEY = key("CURVE_PUBLICKEY", 48,
        o -> copyOf(o.security.curvePublicKey), (o, v) -> o.security.curvePublicKey = v);
    /** Write-only: the secret key is copied in and zeroed when the socket closes. */
    public static final SocketOption<byte[]> CURVE_SECRETKEY = key("CURVE_SECRETKEY", 49, null,
        (o, v) -> o.security.curveSecretKey(v));
    /** Be a CURVE client of the server with this public key. */
    public static final SocketOption<byte[]> CURVE_SERVERKEY = key("CURVE_SERVERKEY", 50,
        o -> copyOf(o.security.curveServerKey), (o, v) -> o.security.curveServerKey(v));
    public static final SocketOption<Boolean> PLAIN_SERVER = flag("PLAIN_SERVER", 44, ALL, Scope.SECURITY, false,
        o -> o.security.plainServer, (o, v) -> o.security.plainServer = v);
    public static final SocketOption<String> PLAIN_USERNAME = text("PLAIN_USERNAME", 45, Scope.SECURITY, "", 255,
        v -> null, o -> null == o.security.plainUsername ? "" : o.security.plainUsername,
        (o, v) -> o.security.plainUsername = v);
    public static final SocketOption<String> PLAIN_PASSWORD = text("PLAIN_PASSWORD", 46, Scope.SECURITY, null, 255,
        v -> null, null, (o, v) -> o.security.plainPassword = v);
    /** The domain sent in ZAP requests; setting it makes even NULL connections ask ZAP. */
    public static final SocketOption<String> ZAP_DOMAIN = text("ZAP_DOMAIN", 55, Scope.SECURITY, "", 255, v -> null,
        o -> o.security.zapDomain, (o, v) -> o.security.zapDomain = v);
    /** Refuse connections when no ZAP handler is bound (libzmq's ZAP_ENFORCE_DOMAIN). */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN = flag("ZAP_ENFORCE_DOMAIN", 93, ALL, Scope.SECURITY,
        false, o -> o.security.zapEnforceDomain, (o, v) -> o.security.zapEnforceDomain = v);

    /** The layer an option acts in; only {@link #SOCKET} options reach the socket's pattern. */
    enum Scope
    {
        /** The socket and its pattern, on every transport. */
        SOCKET,
        /** tcp and ipc connections. */
        NETWORK,
        /** tcp only. */
        TCP,
        /** ipc only. */
        IPC,
        /** The multicast transports (pgm, epgm, norm), which ringmq does not have: stored only. */
        MULTICAST,
        /** The security mechanism of tcp and ipc connections. */
        SECURITY
    }

    private final String name;
    private final int number;
    private final Class<T> valueType;
    private final Set<SocketType> types;
    private final Scope scope;
    private final T defaultValue;
    private final Function<T, String> check;
    private final Function<Options, T> getter;
    private final BiConsumer<Options, T> setter;
    private String notApplied;
    private final AtomicBoolean notAppliedLogged = new AtomicBoolean();

    private SocketOption(
        final String name, final int number, final Class<T> valueType, final Set<SocketType> types, final Scope scope,
        final T defaultValue, final Function<T, String> check, final Function<Options, T> getter,
        final BiConsumer<Options, T> setter)
    {
        this.name = name;
        this.number = number;
        this.valueType = valueType;
        this.types = types;
        this.scope = scope;
        this.defaultValue = defaultValue;
        this.check = check;
        this.getter = getter;
        this.setter = setter;
    }

    private static SocketOption<Integer> ints(
        final String name, final int number, final Set<SocketType> types, final Scope scope, final Integer defaultValue,
        final int min, final int max, final Function<Options, Integer> getter,
        final BiConsumer<Options, Integer> setter)
    {
        final String range = max == MAX ? "must be >= " + min : "must be " + min + " to " + max;
        return new SocketOption<>(name, number, Integer.class, types, scope, defaultValue,
            v -> v < min || v > max ? range + ": " + v : null, getter, setter);
    }

    private static SocketOption<Long> longs(
        final String name, final int number, final Set<SocketType> types, final Scope scope, final Long defaultValue,
        final long min, final Function<Options, Long> getter, final BiConsumer<Options, Long> setter)
    {
        return new SocketOption<>(name, number, Long.class, types, scope, defaultValue,
            v -> v < min ? "must be >= " + min + ": " + v : null, getter, setter);
    }

    private static SocketOption<Boolean> flag(
        final String name, final int number, final Set<SocketType> types, final Scope scope, final boolean defaultValue,
        final Function<Options, Boolean> getter, final BiConsumer<Options, Boolean> setter)
    {
        return new SocketOption<>(name, number, Boolean.class, types, scope, defaultValue, v -> null, getter, setter);
    }

    private static SocketOption<byte[]> bytes(
        final String name, final int number, final Set<SocketType> types, final Scope scope, final byte[] defaultValue,
        final Function<byte[], String> check, final Function<Options, byte[]> getter,
        final BiConsumer<Options, byte[]> setter)
    {
        return new SocketOption<>(name, number, byte[].class, types, scope, defaultValue, check, getter, setter);
    }

    /** A string of at most {@code maxBytes} UTF-8 bytes, on every socket type. */
    private static SocketOption<String> text(
        final String name, final int number, final Scope scope, final String defaultValue, final int maxBytes,
        final Function<String, String> check, final Function<Options, String> getter,
        final BiConsumer<Options, String> setter)
    {
        return new SocketOption<>(name, number, String.class, ALL, scope, defaultValue,
            v -> v.getBytes(StandardCharsets.UTF_8).length > maxBytes ? "must be at most " + maxBytes + " bytes" :
            check.apply(v),
            getter, setter);
    }

    /** A CURVE key: 32 bytes, or 40 Z85 characters (41 with a NUL); stored decoded. */
    private static SocketOption<byte[]> key(
        final String name, final int number, final Function<Options, byte[]> getter,
        final BiConsumer<Options, byte[]> setter)
    {
        return new SocketOption<>(name, number, byte[].class, ALL, Scope.SECURITY, new byte[0], v ->
        {
            try
            {
                CurveKeys.fromOption(v);
                return null;
            }
            catch (final IllegalArgumentException ex)
            {
                return ex.getMessage();
            }
        }, getter, (o, v) -> setter.accept(o, CurveKeys.fromOption(v)));
    }

    private static <T> SocketOption<T> readOnly(
        final String name, final int number, final Class<T> valueType, final T defaultValue,
        final Function<Options, T> getter)
    {
        return new SocketOption<>(name, number, valueType, ALL, Scope.SOCKET, defaultValue, v -> null, getter, null);
    }

    /** SUBSCRIBE and UNSUBSCRIBE store nothing: the socket's pattern takes them. */
    private static void patternOnly(final Options options, final byte[] topic)
    {
    }

    private static String addressMaskRefusal(final String value)
    {
        if (value.isEmpty())
        {
            return null;
        }
        try
        {
            AddressMask.parse(value);
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    private static byte[] copyOf(final byte[] key)
    {
        return null == key ? new byte[0] : key.clone();
    }

    /** Marks an option libzmq applies and ringmq only stores; the first socket to set it says so in the log. */
    private SocketOption<T> notApplied(final String why)
    {
        this.notApplied = why;
        return this;
    }

    /** @return libzmq's name without the {@code ZMQ_} prefix. */
    public String name()
    {
        return name;
    }

    /** @return libzmq's option number (ringmq's own options are numbered from 0x10000). */
    public int number()
    {
        return number;
    }

    public Class<T> valueType()
    {
        return valueType;
    }

    /** @return libzmq's default, as a new socket reports it (null for write-only options without one). */
    T defaultValue()
    {
        return defaultValue;
    }

    Scope scope()
    {
        return scope;
    }

    /** @return why ringmq stores but does not apply this option, or null if it applies it. */
    String notApplied()
    {
        return notApplied;
    }

    /** @return true once this not-applied option has been logged. */
    boolean notAppliedLogged()
    {
        return notAppliedLogged.get();
    }

    boolean appliesTo(final SocketType type)
    {
        return types.contains(type);
    }

    boolean isReadable()
    {
        return null != getter;
    }

    boolean isWritable()
    {
        return null != setter;
    }

    /**
     * @return null if {@code value} is valid for this option, else why not.
     */
    String refusal(final T value)
    {
        return check.apply(value);
    }

    /**
     * Socket.setOption's checks.
     *
     * @throws RingMqException (EINVAL) if a {@code type} socket does not take this option, it is read-only, or the
     *                         value is null or invalid.
     */
    void checkSettable(final SocketType type, final T value)
    {
        if (!appliesTo(type) || !isWritable())
        {
            throw new RingMqException(this + " cannot be set on a " + type + " socket (EINVAL)");
        }
        if (null == value)
        {
            throw new RingMqException(this + " on a " + type + " socket cannot be null (EINVAL)");
        }
        final String refused = refusal(value);
        if (null != refused)
        {
            throw new RingMqException(this + " on a " + type + " socket " + refused + " (EINVAL)");
        }
    }

    /** @throws RingMqException (EINVAL) if a {@code type} socket does not take this option, or it is write-only. */
    void checkReadable(final SocketType type)
    {
        if (!appliesTo(type) || !isReadable())
        {
            throw new RingMqException(this + " cannot be read from a " + type + " socket (EINVAL)");
        }
    }

    /** Stores a value {@link #refusal} accepted. */
    void store(final Options options, final T value)
    {
        setter.accept(options, value);
        if (null != notApplied && !value.equals(defaultValue) && notAppliedLogged.compareAndSet(false, true))
        {
            LOG.log(System.Logger.Level.WARNING, "{0} is stored but not applied: {1}", this, notApplied);
        }
    }

    T load(final Options options)
    {
        return getter.apply(options);
    }

    @Override
    public String toString()
    {
        return "ZMQ_" + name;
    }
}
