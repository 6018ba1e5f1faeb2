package io.ringmq.transports.pgm;

/**
 * What one epgm endpoint obeys, in libzmq's units: RATE (kbit/s), RECOVERY_IVL (ms), MULTICAST_HOPS,
 * MULTICAST_MAXTPDU (bytes of IP datagram), MAXMSGSIZE (-1 none) and the socket's HWM toward its peer.
 */
public record PgmOptions(int rateKbps, int recoveryIvlMs, int hops, int maxTpdu, long maxMessageSize)
{
    /**
     * OpenPGM's largest TSDU for a TPDU without OPT_FRAGMENT, as observed from libzmq: 1428 for 1500 (IP 20, UDP 8,
     * PGM 16, ODATA 8, and 20 kept for the fragment option).
     */
    public static final int TPDU_OVERHEAD = 72;

    /** The transmit window's size in packets is bounded: slots are allocated as they fill. */
    public static final int MAX_WINDOW_SQNS = 1 << 17;

    public int maxTsdu()
    {
        return maxTpdu - TPDU_OVERHEAD;
    }

    /**
     * @return the transmit window in packets, as libzmq sizes it: RATE × RECOVERY_IVL over the TPDU size.
     */
    public int windowSqns()
    {
        final long bytes = (long)rateKbps * 1000 / 8 * recoveryIvlMs / 1000;
        return (int)Math.max(64, Math.min(MAX_WINDOW_SQNS, bytes / maxTpdu));
    }

    /**
     * @return RATE in bytes per second (libzmq's ODATA_MAX_RTE).
     */
    public long bytesPerSecond()
    {
        return (long)rateKbps * 1000 / 8;
    }
}
