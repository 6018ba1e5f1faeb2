package io.ringmq.engine;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.Linger;
import io.ringmq.transports.TransportOptions;
import io.ringmq.transports.zmtp.StreamEngineConfig;

import java.util.concurrent.TimeUnit;

/**
 * A socket's option values, read on its own thread; defaults are libzmq's. {@link SocketOption}'s table validates
 * and stores them; patterns and the socket read the fields. What the tcp and ipc transports obey lives in
 * {@link #transport}, the record they share; the security mechanism's settings in {@link #security}.
 */
final class Options
{
    final SocketType type;
    final TransportOptions transport = new TransportOptions();
    final SecurityOptions security = new SecurityOptions();
    String lastEndpoint = "";
    int sndHwm = 1000;
    int rcvHwm = 1000;
    int sndTimeoutMs = -1;
    int rcvTimeoutMs = -1;
    int lingerMs = -1;
    /** LINGER as the socket's connections read it when it closes (set with {@link #lingerMs(int)}). */
    final Linger linger = new Linger(-1);
    byte[] routingId = new byte[0];
    boolean routerMandatory;
    boolean reqRelaxed;
    boolean reqCorrelate;
    boolean xpubVerbose;
    /** PUB/XPUB: distinct subscriptions kept (ringmq extension); 0 = no limit. */
    int maxSubscriptions;
    /** PUB/XPUB: longest subscription topic in bytes (ringmq extension); 0 = no limit. */
    int maxTopicLength;
    boolean xpubManual;
    boolean conflate;
    boolean xpubNoDrop;
    byte[] xpubWelcome;
    boolean invertMatching;
    boolean routerHandover;
    boolean probeRouter;
    byte[] connectRoutingId;
    boolean immediate;
    boolean xpubVerboseUnsubscribe;
    int routerNotify;
    /** STREAM: deliver the connect and disconnect notifications (libzmq's default). */
    boolean streamNotify = true;
    /** ROUTER_RAW: the ROUTER's tcp and ipc connections carry raw bytes, as a STREAM socket's. */
    boolean routerRaw;
    /** AFFINITY: the I/O threads (a bit each) the socket's first tcp or ipc bind or connect may use; 0 = any. */
    long affinity;

    Options(final SocketType type)
    {
        this.type = type;
    }

    /** LINGER in milliseconds, -1 = until written: for the socket itself and every connection it has made. */
    void lingerMs(final int ms)
    {
        lingerMs = ms;
        linger.nanos(ms < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /**
     * @return the frame limit of a connection: the socket's MAXMSGSIZE (-1 = none) within the context's MAX_MSGSZ,
     * whose default (Integer.MAX_VALUE) bounds nothing a Java array could hold anyway.
     */
    static long maxMessageSize(final long socketMax, final int contextMax)
    {
        if (contextMax == Integer.MAX_VALUE)
        {
            return socketMax;
        }
        return socketMax < 0 ? contextMax : Math.min(socketMax, contextMax);
    }

    /**
     * Snapshots the options for one bind or connect, as libzmq copies options into each session.
     */
    ConnectionConfig toConfig(final Context context, final SocketCounters counters)
    {
        final byte[] id = routingId.clone();
        final TransportOptions net = transport;
        final StreamEngineConfig engine = new StreamEngineConfig(type.wire())
            .maxMessageSize(maxMessageSize(net.maxMsgSize(), context.maxMsgSz()))
            .maxHandshakeCommandSize(net.handshakeMaxCommand())
            .handshakeIvl(TimeUnit.MILLISECONDS.toNanos(net.handshakeIvlMs()))
            .heartbeatIvl(TimeUnit.MILLISECONDS.toNanos(net.heartbeatIvlMs()))
            .heartbeatTtl(TimeUnit.MILLISECONDS.toNanos(net.heartbeatTtlMs()))
            .heartbeatTimeout(
                net.heartbeatTimeoutMs() < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(net.heartbeatTimeoutMs()))
            .routingId(id)
            .securityInForce(security.inForce());
        if (null != counters)
        {
            engine.cryptoCounters(counters.bytesEncrypted(), counters.bytesDecrypted());
        }
        return new ConnectionConfig(engine, security.factory(context, type, id), net)
            .hwm(sndHwm, rcvHwm)
            .linger(linger)
            .raw(type == SocketType.STREAM || routerRaw)
            .conflate(conflate);
    }
}
