package io.ringmq.transports;

import io.ringmq.transports.zmtp.StreamEngineConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The socket options the tcp and ipc transports obey, in libzmq's units (milliseconds, bytes), with libzmq's
 * defaults. The engine's option table fills one per socket; each bind or connect hands the agent a
 * {@link #copy()}, as libzmq copies its options into each session. Values are validated by the table, not here.
 */
public final class TransportOptions
{
    private int reconnectIvlMs = 100;
    private int reconnectIvlMaxMs;
    private long maxMsgSize = -1;
    private int handshakeIvlMs = 30_000;
    private int handshakeMaxCommand = StreamEngineConfig.DEFAULT_MAX_HANDSHAKE_COMMAND_SIZE;
    private int maxConnections;
    private int maxHandshakes;
    private int handshakeRate;
    private int heartbeatIvlMs;
    private int heartbeatTtlMs;
    private int heartbeatTimeoutMs = -1;
    private int sndBuf = -1;
    private int rcvBuf = -1;
    private int backlog = 100;
    private int connectTimeoutMs;
    private int tcpMaxRtMs;
    private int tcpKeepAlive = -1;
    private int tcpKeepAliveCnt = -1;
    private int tcpKeepAliveIdle = -1;
    private int tcpKeepAliveIntvl = -1;
    private int tos;
    private boolean ipv6;
    private String bindToDevice = "";
    private String socksProxy = "";
    private int useFd = -1;
    private int multicastHops = 1;
    private int rate = 100;
    private int recoveryIvlMs = 10_000;
    private int multicastMaxTpdu = 1500;
    private final ArrayList<AddressMask> tcpAcceptFilters = new ArrayList<>();
    private final ArrayList<Integer> ipcFilterUids = new ArrayList<>();
    private final ArrayList<Integer> ipcFilterGids = new ArrayList<>();
    private final ArrayList<Integer> ipcFilterPids = new ArrayList<>();

    /**
     * @return a snapshot that later changes to this one do not reach.
     */
    public TransportOptions copy()
    {
        final TransportOptions copy = new TransportOptions();
        copy.reconnectIvlMs = reconnectIvlMs;
        copy.reconnectIvlMaxMs = reconnectIvlMaxMs;
        copy.maxMsgSize = maxMsgSize;
        copy.handshakeIvlMs = handshakeIvlMs;
        copy.handshakeMaxCommand = handshakeMaxCommand;
        copy.maxConnections = maxConnections;
        copy.maxHandshakes = maxHandshakes;
        copy.handshakeRate = handshakeRate;
        copy.heartbeatIvlMs = heartbeatIvlMs;
        copy.heartbeatTtlMs = heartbeatTtlMs;
        copy.heartbeatTimeoutMs = heartbeatTimeoutMs;
        copy.sndBuf = sndBuf;
        copy.rcvBuf = rcvBuf;
        copy.backlog = backlog;
        copy.connectTimeoutMs = connectTimeoutMs;
        copy.tcpMaxRtMs = tcpMaxRtMs;
        copy.tcpKeepAlive = tcpKeepAlive;
        copy.tcpKeepAliveCnt = tcpKeepAliveCnt;
        copy.tcpKeepAliveIdle = tcpKeepAliveIdle;
        copy.tcpKeepAliveIntvl = tcpKeepAliveIntvl;
        copy.tos = tos;
        copy.ipv6 = ipv6;
        copy.bindToDevice = bindToDevice;
        copy.socksProxy = socksProxy;
        copy.useFd = useFd;
        copy.multicastHops = multicastHops;
        copy.rate = rate;
        copy.recoveryIvlMs = recoveryIvlMs;
        copy.multicastMaxTpdu = multicastMaxTpdu;
        copy.tcpAcceptFilters.addAll(tcpAcceptFilters);
        copy.ipcFilterUids.addAll(ipcFilterUids);
        copy.ipcFilterGids.addAll(ipcFilterGids);
        copy.ipcFilterPids.addAll(ipcFilterPids);
        return copy;
    }

    /** RECONNECT_IVL in ms; -1 = never reconnect. */
    public int reconnectIvlMs()
    {
        return reconnectIvlMs;
    }

    public TransportOptions reconnectIvlMs(final int value)
    {
        reconnectIvlMs = value;
        return this;
    }

    /** RECONNECT_IVL_MAX in ms; 0 = no back-off. */
    public int reconnectIvlMaxMs()
    {
        return reconnectIvlMaxMs;
    }

    public TransportOptions reconnectIvlMaxMs(final int value)
    {
        reconnectIvlMaxMs = value;
        return this;
    }

    /** MAXMSGSIZE in bytes; -1 = no limit. */
    public long maxMsgSize()
    {
        return maxMsgSize;
    }

    public TransportOptions maxMsgSize(final long value)
    {
        maxMsgSize = value;
        return this;
    }

    /** HANDSHAKE_IVL in ms; 0 = no deadline. */
    public int handshakeIvlMs()
    {
        return handshakeIvlMs;
    }

    public TransportOptions handshakeIvlMs(final int value)
    {
        handshakeIvlMs = value;
        return this;
    }

    /** HANDSHAKE_MAX_COMMAND in bytes (ringmq extension). */
    public int handshakeMaxCommand()
    {
        return handshakeMaxCommand;
    }

    public TransportOptions handshakeMaxCommand(final int value)
    {
        handshakeMaxCommand = value;
        return this;
    }

    /** MAX_CONNECTIONS per listener (ringmq extension); 0 = no limit. */
    public int maxConnections()
    {
        return maxConnections;
    }

    public TransportOptions maxConnections(final int value)
    {
        maxConnections = value;
        return this;
    }

    /** MAX_HANDSHAKES per listener (ringmq extension); 0 = no limit. */
    public int maxHandshakes()
    {
        return maxHandshakes;
    }

    public TransportOptions maxHandshakes(final int value)
    {
        maxHandshakes = value;
        return this;
    }

    /** HANDSHAKE_RATE: connections per second per source address (ringmq extension); 0 = no limit. */
    public int handshakeRate()
    {
        return handshakeRate;
    }

    public TransportOptions handshakeRate(final int value)
    {
        handshakeRate = value;
        return this;
    }

    /** HEARTBEAT_IVL in ms; 0 = no heartbeats. */
    public int heartbeatIvlMs()
    {
        return heartbeatIvlMs;
    }

    public TransportOptions heartbeatIvlMs(final int value)
    {
        heartbeatIvlMs = value;
        return this;
    }

    /** HEARTBEAT_TTL in ms. */
    public int heartbeatTtlMs()
    {
        return heartbeatTtlMs;
    }

    public TransportOptions heartbeatTtlMs(final int value)
    {
        heartbeatTtlMs = value;
        return this;
    }

    /** HEARTBEAT_TIMEOUT in ms; -1 = HEARTBEAT_IVL. */
    public int heartbeatTimeoutMs()
    {
        return heartbeatTimeoutMs;
    }

    public TransportOptions heartbeatTimeoutMs(final int value)
    {
        heartbeatTimeoutMs = value;
        return this;
    }

    /** SO_SNDBUF in bytes; -1 = the operating system's. */
    public int sndBuf()
    {
        return sndBuf;
    }

    public TransportOptions sndBuf(final int value)
    {
        sndBuf = value;
        return this;
    }

    /** SO_RCVBUF in bytes; -1 = the operating system's. */
    public int rcvBuf()
    {
        return rcvBuf;
    }

    public TransportOptions rcvBuf(final int value)
    {
        rcvBuf = value;
        return this;
    }

    /** BACKLOG of a listening socket. */
    public int backlog()
    {
        return backlog;
    }

    public TransportOptions backlog(final int value)
    {
        backlog = value;
        return this;
    }

    /** CONNECT_TIMEOUT in ms; 0 = the operating system's. */
    public int connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    public TransportOptions connectTimeoutMs(final int value)
    {
        connectTimeoutMs = value;
        return this;
    }

    /** TCP_MAXRT in ms: stored, not applied (the JDK has no TCP_USER_TIMEOUT). */
    public int tcpMaxRtMs()
    {
        return tcpMaxRtMs;
    }

    public TransportOptions tcpMaxRtMs(final int value)
    {
        tcpMaxRtMs = value;
        return this;
    }

    /** TCP_KEEPALIVE: -1 = the operating system's, 0 = off, 1 = on. */
    public int tcpKeepAlive()
    {
        return tcpKeepAlive;
    }

    public TransportOptions tcpKeepAlive(final int value)
    {
        tcpKeepAlive = value;
        return this;
    }

    /** TCP_KEEPALIVE_CNT; -1 = the operating system's. */
    public int tcpKeepAliveCnt()
    {
        return tcpKeepAliveCnt;
    }

    public TransportOptions tcpKeepAliveCnt(final int value)
    {
        tcpKeepAliveCnt = value;
        return this;
    }

    /** TCP_KEEPALIVE_IDLE in seconds; -1 = the operating system's. */
    public int tcpKeepAliveIdle()
    {
        return tcpKeepAliveIdle;
    }

    public TransportOptions tcpKeepAliveIdle(final int value)
    {
        tcpKeepAliveIdle = value;
        return this;
    }

    /** TCP_KEEPALIVE_INTVL in seconds; -1 = the operating system's. */
    public int tcpKeepAliveIntvl()
    {
        return tcpKeepAliveIntvl;
    }

    public TransportOptions tcpKeepAliveIntvl(final int value)
    {
        tcpKeepAliveIntvl = value;
        return this;
    }

    /** TOS: the IP type-of-service byte of tcp connections; 0 = the operating system's. */
    public int tos()
    {
        return tos;
    }

    public TransportOptions tos(final int value)
    {
        tos = value;
        return this;
    }

    /** IPV6 (IPV4ONLY is its negation). */
    public boolean ipv6()
    {
        return ipv6;
    }

    public TransportOptions ipv6(final boolean value)
    {
        ipv6 = value;
        return this;
    }

    /** BINDTODEVICE: stored, not applied (the JDK has no SO_BINDTODEVICE). */
    public String bindToDevice()
    {
        return bindToDevice;
    }

    public TransportOptions bindToDevice(final String value)
    {
        bindToDevice = value;
        return this;
    }

    /** SOCKS_PROXY: stored, not applied (no SOCKS5 client yet). */
    public String socksProxy()
    {
        return socksProxy;
    }

    public TransportOptions socksProxy(final String value)
    {
        socksProxy = value;
        return this;
    }

    /** USE_FD: stored, not applied (the JDK cannot adopt a file descriptor). */
    public int useFd()
    {
        return useFd;
    }

    public TransportOptions useFd(final int value)
    {
        useFd = value;
        return this;
    }

    /** MULTICAST_HOPS: stored for the multicast transports ringmq does not have yet. */
    public int multicastHops()
    {
        return multicastHops;
    }

    public TransportOptions multicastHops(final int value)
    {
        multicastHops = value;
        return this;
    }

    /** RATE in kilobits per second: stored for the multicast transports. */
    public int rate()
    {
        return rate;
    }

    public TransportOptions rate(final int value)
    {
        rate = value;
        return this;
    }

    /** RECOVERY_IVL in ms: stored for the multicast transports. */
    public int recoveryIvlMs()
    {
        return recoveryIvlMs;
    }

    public TransportOptions recoveryIvlMs(final int value)
    {
        recoveryIvlMs = value;
        return this;
    }

    /** MULTICAST_MAXTPDU in bytes: stored for the multicast transports. */
    public int multicastMaxTpdu()
    {
        return multicastMaxTpdu;
    }

    public TransportOptions multicastMaxTpdu(final int value)
    {
        multicastMaxTpdu = value;
        return this;
    }

    /**
     * TCP_ACCEPT_FILTER: a tcp listener accepts only peers inside one of these; none = everybody.
     *
     * @param filter null clears the list, as libzmq's empty value does.
     */
    public TransportOptions addTcpAcceptFilter(final AddressMask filter)
    {
        if (null == filter)
        {
            tcpAcceptFilters.clear();
        }
        else
        {
            tcpAcceptFilters.add(filter);
        }
        return this;
    }

    /** @return TCP_ACCEPT_FILTER's masks, in the order added; empty = every peer. */
    public List<AddressMask> tcpAcceptFilters()
    {
        return Collections.unmodifiableList(tcpAcceptFilters);
    }

    /** IPC_FILTER_UID: an ipc listener accepts only peers running as one of these users; a negative id clears. */
    public TransportOptions addIpcFilterUid(final int uid)
    {
        addOrClear(ipcFilterUids, uid);
        return this;
    }

    /** IPC_FILTER_GID: an ipc listener accepts only peers of one of these groups; a negative id clears. */
    public TransportOptions addIpcFilterGid(final int gid)
    {
        addOrClear(ipcFilterGids, gid);
        return this;
    }

    /** IPC_FILTER_PID: stored, not applied (the JDK's SO_PEERCRED gives the user and group, not the pid). */
    public TransportOptions addIpcFilterPid(final int pid)
    {
        addOrClear(ipcFilterPids, pid);
        return this;
    }

    /** @return IPC_FILTER_UID's user ids; empty = every user. */
    public List<Integer> ipcFilterUids()
    {
        return Collections.unmodifiableList(ipcFilterUids);
    }

    /** @return IPC_FILTER_GID's group ids; empty = every group. */
    public List<Integer> ipcFilterGids()
    {
        return Collections.unmodifiableList(ipcFilterGids);
    }

    private static void addOrClear(final List<Integer> ids, final int id)
    {
        if (id < 0)
        {
            ids.clear();
        }
        else
        {
            ids.add(id);
        }
    }
}
