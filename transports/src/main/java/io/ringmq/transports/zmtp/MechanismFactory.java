package io.ringmq.transports.zmtp;

import io.ringmq.crypto.SecurityMechanism;

/**
 * Makes the security mechanism of one new connection (NULL, PLAIN or CURVE, client or server, with its ZAP
 * client), given what a ZAP request must name.
 */
@FunctionalInterface
public interface MechanismFactory
{
    /**
     * @param peerAddress the peer's IP address as text (ZAP's Address), or "" for ipc.
     */
    SecurityMechanism create(String peerAddress);
}
