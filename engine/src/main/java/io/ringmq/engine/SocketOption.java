package io.ringmq.engine;


import java.util.EnumSet;
import java.util.Set;

/**
 * A typed socket option, named and numbered as in libzmq. Set with {@link Socket#setOption(SocketOption, Object)},
 * read with {@link Socket#getOption(SocketOption)}. Setting an option the socket type does not take, or a write-only
 * or read-only option the wrong way, throws {@link RingMqException}.
 *
 * @param <T> the value type.
 */
public final class SocketOption<T>
{
    private static final Set<SocketType> ALL = EnumSet.allOf(SocketType.class);

    /** Outbound high-water mark in messages, default 1000; 0 = {@link io.ringmq.rings.Pipe#MAX_HWM}. */
    public static final SocketOption<Integer> SNDHWM = new SocketOption<>("SNDHWM", 23, Integer.class, Access.READ_WRITE, ALL);
    /** Inbound high-water mark in messages, default 1000; 0 = {@link io.ringmq.rings.Pipe#MAX_HWM}. */
    public static final SocketOption<Integer> RCVHWM = new SocketOption<>("RCVHWM", 24, Integer.class, Access.READ_WRITE, ALL);
    /** Milliseconds a blocking send waits: -1 (default) forever, 0 never. */
    public static final SocketOption<Integer> SNDTIMEO = new SocketOption<>("SNDTIMEO", 28, Integer.class, Access.READ_WRITE, ALL);
    /** Milliseconds a blocking receive waits: -1 (default) forever, 0 never. */
    public static final SocketOption<Integer> RCVTIMEO = new SocketOption<>("RCVTIMEO", 27, Integer.class, Access.READ_WRITE, ALL);
    /** Milliseconds queued messages are kept after close; -1 default. Inproc delivers what was queued regardless. */
    public static final SocketOption<Integer> LINGER = new SocketOption<>("LINGER", 17, Integer.class, Access.READ_WRITE, ALL);
    /** The routing id this socket announces to ROUTER peers, 1 to 255 bytes, not starting with a zero byte. */
    public static final SocketOption<byte[]> ROUTING_ID = new SocketOption<>("ROUTING_ID", 5, byte[].class, Access.READ_WRITE, ALL);
    /** libzmq's older name for {@link #ROUTING_ID} (ZMQ_IDENTITY, the same option number 5). */
    public static final SocketOption<byte[]> IDENTITY = ROUTING_ID;
    /** ROUTER: report {@link Status#UNROUTABLE} for unknown routing ids, and would-block at a peer's mark, instead of dropping. */
    public static final SocketOption<Boolean> ROUTER_MANDATORY = new SocketOption<>("ROUTER_MANDATORY", 33, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.ROUTER));
    /** REQ: allow a new request before the reply arrived; the old reply is then dropped. */
    public static final SocketOption<Boolean> REQ_RELAXED = new SocketOption<>("REQ_RELAXED", 53, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.REQ));
    /** REQ: prefix requests with an id and accept only the reply carrying it. */
    public static final SocketOption<Boolean> REQ_CORRELATE = new SocketOption<>("REQ_CORRELATE", 52, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.REQ));
    /** SUB: add a prefix subscription (empty = everything). */
    public static final SocketOption<byte[]> SUBSCRIBE = new SocketOption<>("SUBSCRIBE", 6, byte[].class, Access.WRITE_ONLY, EnumSet.of(SocketType.SUB, SocketType.XPUB));
    /** SUB: remove one prefix subscription. */
    public static final SocketOption<byte[]> UNSUBSCRIBE = new SocketOption<>("UNSUBSCRIBE", 7, byte[].class, Access.WRITE_ONLY, EnumSet.of(SocketType.SUB, SocketType.XPUB));
    /** XPUB: pass every subscription message up, not only the first for a topic. */
    public static final SocketOption<Boolean> XPUB_VERBOSE = new SocketOption<>("XPUB_VERBOSE", 40, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.XPUB));
    /** XPUB: like XPUB_VERBOSE, and pass every unsubscribe up too, not only the last for a topic. */
    public static final SocketOption<Boolean> XPUB_VERBOSER = new SocketOption<>("XPUB_VERBOSER", 78, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.XPUB));
    /** ROUTER: deliver [routing id, empty frame] when a peer connects ({@code 1}), disconnects ({@code 2}) or both ({@code 3}). */
    public static final SocketOption<Integer> ROUTER_NOTIFY = new SocketOption<>("ROUTER_NOTIFY", 97, Integer.class, Access.READ_WRITE, EnumSet.of(SocketType.ROUTER));
    /** XPUB: subscriptions reach the application only; it subscribes the last peer with SUBSCRIBE/UNSUBSCRIBE. */
    public static final SocketOption<Boolean> XPUB_MANUAL = new SocketOption<>("XPUB_MANUAL", 71, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.XPUB));
    /** Keep only the newest inbound message (PULL, PUSH, SUB, PUB, DEALER). */
    public static final SocketOption<Boolean> CONFLATE = new SocketOption<>("CONFLATE", 54, Boolean.class, Access.READ_WRITE, EnumSet.of(SocketType.PULL, SocketType.PUSH, SocketType.SUB, SocketType.PUB, SocketType.DEALER));
    /**
     * ringmq extension, PUB/XPUB: distinct subscriptions kept; a new one beyond it is ignored, with a
     * {@link MonitorEvent#LIMIT_REFUSED} event. 0 (default) = no limit, as libzmq.
     */
    public static final SocketOption<Integer> MAX_SUBSCRIPTIONS = new SocketOption<>("MAX_SUBSCRIPTIONS", 0x10005, Integer.class, Access.READ_WRITE, EnumSet.of(SocketType.PUB, SocketType.XPUB));
    /**
     * ringmq extension, PUB/XPUB: the longest topic a subscription may have, in bytes; a longer one is ignored,
     * with a {@link MonitorEvent#LIMIT_REFUSED} event. 0 (default) = no limit, as libzmq.
     */
    public static final SocketOption<Integer> MAX_TOPIC_LENGTH = new SocketOption<>("MAX_TOPIC_LENGTH", 0x10006, Integer.class, Access.READ_WRITE, EnumSet.of(SocketType.PUB, SocketType.XPUB));
    /** XPUB/PUB: at a subscriber's mark, report {@link Status#WOULD_BLOCK} (and send to nobody) instead of dropping. */
    public static final SocketOption<Boolean> XPUB_NODROP = new SocketOption<>("XPUB_NODROP", 69, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.XPUB, SocketType.PUB));
    /** XPUB: a message sent to each new subscriber when it connects. */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG = new SocketOption<>("XPUB_WELCOME_MSG", 72, byte[].class, Access.WRITE_ONLY, EnumSet.of(SocketType.XPUB));
    /** PUB/XPUB send to peers NOT subscribed to a matching prefix; SUB/XSUB receive messages that do NOT match. */
    public static final SocketOption<Boolean> INVERT_MATCHING = new SocketOption<>("INVERT_MATCHING", 74, Boolean.class, Access.READ_WRITE, EnumSet.of(SocketType.PUB, SocketType.XPUB, SocketType.SUB, SocketType.XSUB));
    /** ROUTER: a new peer announcing a routing id in use takes it over; the old connection is closed. */
    public static final SocketOption<Boolean> ROUTER_HANDOVER = new SocketOption<>("ROUTER_HANDOVER", 56, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.ROUTER));
    /** ROUTER, DEALER, REQ: send an empty message to every new peer, so a ROUTER peer learns our routing id at once. */
    public static final SocketOption<Boolean> PROBE_ROUTER = new SocketOption<>("PROBE_ROUTER", 51, Boolean.class, Access.WRITE_ONLY, EnumSet.of(SocketType.ROUTER, SocketType.DEALER, SocketType.REQ));
    /** ROUTER: the routing id to give the peer of the next {@code connect}, instead of the one it announces. */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID = new SocketOption<>("CONNECT_ROUTING_ID", 61, byte[].class, Access.WRITE_ONLY, EnumSet.of(SocketType.ROUTER));
    /** Queue messages only on completed connections: an inproc connect waits for the bind before it is used. */
    public static final SocketOption<Boolean> IMMEDIATE = new SocketOption<>("IMMEDIATE", 39, Boolean.class, Access.READ_WRITE, ALL);
    /** The endpoint of the last bind or connect, read-only. */
    public static final SocketOption<String> LAST_ENDPOINT = new SocketOption<>("LAST_ENDPOINT", 32, String.class, Access.READ_ONLY, ALL);
    /** The socket's type, read-only. */
    public static final SocketOption<SocketType> TYPE = new SocketOption<>("TYPE", 16, SocketType.class, Access.READ_ONLY, ALL);

    // Network transports (tcp, ipc). Durations in milliseconds as in libzmq.
    /** Initial reconnection interval, default 100 ms; -1 = never reconnect. */
    public static final SocketOption<Integer> RECONNECT_IVL = new SocketOption<>("RECONNECT_IVL", 18, Integer.class, Access.READ_WRITE, ALL);
    /** Upper bound of the doubling reconnection back-off; 0 (default) = no back-off. */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX = new SocketOption<>("RECONNECT_IVL_MAX", 21, Integer.class, Access.READ_WRITE, ALL);
    /** Largest frame accepted from the network in bytes, default -1 = no limit; larger frames cost the connection. */
    public static final SocketOption<Long> MAXMSGSIZE = new SocketOption<>("MAXMSGSIZE", 22, Long.class, Access.READ_WRITE, ALL);
    /** Deadline for a connection's ZMTP handshake, default 30 000 ms; 0 = none. */
    public static final SocketOption<Integer> HANDSHAKE_IVL = new SocketOption<>("HANDSHAKE_IVL", 66, Integer.class, Access.READ_WRITE, ALL);
    /** Interval between PINGs, default 0 = no heartbeats. */
    public static final SocketOption<Integer> HEARTBEAT_IVL = new SocketOption<>("HEARTBEAT_IVL", 75, Integer.class, Access.READ_WRITE, ALL);
    /** TTL announced in each PING (sent in deciseconds), default 0. */
    public static final SocketOption<Integer> HEARTBEAT_TTL = new SocketOption<>("HEARTBEAT_TTL", 76, Integer.class, Access.READ_WRITE, ALL);
    /** How long after a PING without traffic the connection is dead; default -1 = HEARTBEAT_IVL. */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT = new SocketOption<>("HEARTBEAT_TIMEOUT", 77, Integer.class, Access.READ_WRITE, ALL);
    /**
     * ringmq extension (not in libzmq, whose handshake commands are bounded only by MAXMSGSIZE): the largest frame
     * accepted before the handshake has completed, in bytes; default 65536. A larger one costs the connection a
     * HANDSHAKE_FAILED_PROTOCOL. Numbered above libzmq's range so it never collides with a future libzmq option.
     */
    public static final SocketOption<Integer> HANDSHAKE_MAX_COMMAND = new SocketOption<>("HANDSHAKE_MAX_COMMAND", 0x10001, Integer.class, Access.READ_WRITE, ALL);
    /**
     * ringmq extension: connections a listener keeps open at once; one more is closed as soon as it is accepted,
     * with a {@link MonitorEvent#LIMIT_REFUSED} event. 0 (default) = no limit, as libzmq.
     */
    public static final SocketOption<Integer> MAX_CONNECTIONS = new SocketOption<>("MAX_CONNECTIONS", 0x10002, Integer.class, Access.READ_WRITE, ALL);
    /**
     * ringmq extension: connections a listener has accepted whose handshake has not completed; one more is refused
     * as with MAX_CONNECTIONS. 0 (default) = no limit.
     */
    public static final SocketOption<Integer> MAX_HANDSHAKES = new SocketOption<>("MAX_HANDSHAKES", 0x10003, Integer.class, Access.READ_WRITE, ALL);
    /**
     * ringmq extension: connections one source address may open per second on a listener (a burst of as many);
     * more are refused as with MAX_CONNECTIONS. 0 (default) = no limit.
     */
    public static final SocketOption<Integer> HANDSHAKE_RATE = new SocketOption<>("HANDSHAKE_RATE", 0x10004, Integer.class, Access.READ_WRITE, ALL);
    /** SO_SNDBUF in bytes; -1 (default) = the operating system's. */
    public static final SocketOption<Integer> SNDBUF = new SocketOption<>("SNDBUF", 11, Integer.class, Access.READ_WRITE, ALL);
    /** SO_RCVBUF in bytes; -1 (default) = the operating system's. */
    public static final SocketOption<Integer> RCVBUF = new SocketOption<>("RCVBUF", 12, Integer.class, Access.READ_WRITE, ALL);
    /** Listen backlog, default 100. */
    public static final SocketOption<Integer> BACKLOG = new SocketOption<>("BACKLOG", 19, Integer.class, Access.READ_WRITE, ALL);
    /** Connect timeout, default 0 = the operating system's. */
    public static final SocketOption<Integer> CONNECT_TIMEOUT = new SocketOption<>("CONNECT_TIMEOUT", 79, Integer.class, Access.READ_WRITE, ALL);
    /** TCP_MAXRT: accepted for compatibility; JDK 17 exposes no TCP_USER_TIMEOUT, so it is not applied. */
    public static final SocketOption<Integer> TCP_MAXRT = new SocketOption<>("TCP_MAXRT", 80, Integer.class, Access.READ_WRITE, ALL);
    /** SO_KEEPALIVE: -1 (default) = the operating system's, 0 = off, 1 = on. */
    public static final SocketOption<Integer> TCP_KEEPALIVE = new SocketOption<>("TCP_KEEPALIVE", 34, Integer.class, Access.READ_WRITE, ALL);
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT = new SocketOption<>("TCP_KEEPALIVE_CNT", 35, Integer.class, Access.READ_WRITE, ALL);
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE = new SocketOption<>("TCP_KEEPALIVE_IDLE", 36, Integer.class, Access.READ_WRITE, ALL);
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL = new SocketOption<>("TCP_KEEPALIVE_INTVL", 37, Integer.class, Access.READ_WRITE, ALL);

    // Security (CurveZMQ, PLAIN, ZAP). Keys: 32 bytes, or 40 Z85 characters (41 with a terminating NUL).
    /** Be a CURVE server (needs CURVE_PUBLICKEY and CURVE_SECRETKEY). */
    public static final SocketOption<Boolean> CURVE_SERVER = new SocketOption<>("CURVE_SERVER", 47, Boolean.class, Access.READ_WRITE, ALL);
    public static final SocketOption<byte[]> CURVE_PUBLICKEY = new SocketOption<>("CURVE_PUBLICKEY", 48, byte[].class, Access.READ_WRITE, ALL);
    /** Write-only: the secret key is copied in and zeroed when the socket closes. */
    public static final SocketOption<byte[]> CURVE_SECRETKEY = new SocketOption<>("CURVE_SECRETKEY", 49, byte[].class, Access.WRITE_ONLY, ALL);
    /** Be a CURVE client of the server with this public key. */
    public static final SocketOption<byte[]> CURVE_SERVERKEY = new SocketOption<>("CURVE_SERVERKEY", 50, byte[].class, Access.READ_WRITE, ALL);
    public static final SocketOption<Boolean> PLAIN_SERVER = new SocketOption<>("PLAIN_SERVER", 44, Boolean.class, Access.READ_WRITE, ALL);
    public static final SocketOption<String> PLAIN_USERNAME = new SocketOption<>("PLAIN_USERNAME", 45, String.class, Access.READ_WRITE, ALL);
    public static final SocketOption<String> PLAIN_PASSWORD = new SocketOption<>("PLAIN_PASSWORD", 46, String.class, Access.WRITE_ONLY, ALL);
    /** The domain sent in ZAP requests; setting it makes even NULL connections ask ZAP. */
    public static final SocketOption<String> ZAP_DOMAIN = new SocketOption<>("ZAP_DOMAIN", 55, String.class, Access.READ_WRITE, ALL);
    /** Refuse connections when no ZAP handler is bound (libzmq's ZAP_ENFORCE_DOMAIN). */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN = new SocketOption<>("ZAP_ENFORCE_DOMAIN", 93, Boolean.class, Access.READ_WRITE, ALL);

    enum Access
    {
        READ_ONLY, WRITE_ONLY, READ_WRITE
    }

    private final String name;
    private final int number;
    private final Class<T> valueType;
    private final Access access;
    private final Set<SocketType> types;

    private SocketOption(final String name, final int number, final Class<T> valueType, final Access access, final Set<SocketType> types)
    {
        this.name = name;
        this.number = number;
        this.valueType = valueType;
        this.access = access;
        this.types = types;
    }

    /** @return libzmq's name without the {@code ZMQ_} prefix. */
    public String name()
    {
        return name;
    }

    /** @return libzmq's option number. */
    public int number()
    {
        return number;
    }

    public Class<T> valueType()
    {
        return valueType;
    }

    boolean appliesTo(final SocketType type)
    {
        return types.contains(type);
    }

    boolean isReadable()
    {
        return access != Access.WRITE_ONLY;
    }

    boolean isWritable()
    {
        return access != Access.READ_ONLY;
    }

    @Override
    public String toString()
    {
        return "ZMQ_" + name;
    }
}
