package io.ringmq.codecs;

/**
 * The protocol revisions a peer may speak, told apart from its first bytes as libzmq does.
 */
public enum ZmtpVersion
{
    /** ZMTP 1.0: no greeting (or revision byte 0); no mechanism, identity frame first. */
    ZMTP_1_0,
    /** ZMTP 2.0 (libzmq 3.x): 12-byte greeting with revision 1 and the socket type; no mechanism. */
    ZMTP_2_0,
    /** ZMTP 3.0 (JeroMQ, libzmq 4.0/4.1): mechanisms; subscriptions travel as messages; no PING/PONG. */
    ZMTP_3_0,
    /** ZMTP 3.1 (libzmq 4.2+): SUBSCRIBE/CANCEL and PING/PONG commands. */
    ZMTP_3_1;

    /**
     * @return true for 3.0 and 3.1, the revisions with a security mechanism handshake. The security
     * issue refuses the others whenever a mechanism other than NULL is in force (CVE-2014-7202).
     */
    public boolean hasMechanism()
    {
        return this == ZMTP_3_0 || this == ZMTP_3_1;
    }

    /**
     * @return true if subscriptions must be sent as SUBSCRIBE/CANCEL commands rather than as messages.
     */
    public boolean hasSubscriptionCommands()
    {
        return this == ZMTP_3_1;
    }
}
