package io.ringmq.crypto;

/**
 * Why a mechanism failed its connection: each costs that one connection.
 */
public enum SecurityFailure
{
    NONE,
    /** Refused for a reason without a more precise kind (NULL's refusals). */
    REFUSED,
    /** A handshake command of the wrong size, version or layout, or one out of order. */
    MALFORMED_COMMAND,
    /** The peer sent ERROR. */
    PEER_ERROR,
    /** The peer's Socket-Type is missing or incompatible with ours (RFC 37). */
    INCOMPATIBLE_SOCKET_TYPE,
    /** Metadata longer than this side accepts before authentication, or malformed. */
    BAD_METADATA,
    /** A box did not open: tampered, or sealed with other keys (e.g. the client has the wrong server key). */
    BAD_BOX,
    /** A short nonce that does not increase: a replay (CVE-2014-7203). */
    REPLAYED_NONCE,
    /** INITIATE carried a cookie this server did not make, or made under a minute key now expired. */
    BAD_COOKIE,
    /** The vouch in INITIATE does not bind the client's transient key to this server. */
    BAD_VOUCH,
    /** A ZAP handler refused the peer (400), or PLAIN/CURVE credentials were refused. */
    AUTHENTICATION_FAILED,
    /** A ZAP handler answered 300 (temporary failure) or 500 (internal error), or a malformed reply. */
    ZAP_ERROR,
    /** ZAP_ENFORCE_DOMAIN is on and no ZAP handler is bound. */
    ZAP_UNAVAILABLE,
    /** The mechanism was closed. */
    CLOSED
}
