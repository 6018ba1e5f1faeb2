package io.ringmq.engine;

import io.ringmq.crypto.ZapCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A built-in ZAP handler, as CZMQ's zauth: IP allow and deny lists, a PLAIN password table, and CURVE client keys
 * (a list, or any key). Installed on a context with {@link Context#authenticator(Authenticator)}, it answers the
 * ZAP requests of that context's PLAIN and CURVE servers (and NULL servers with a ZAP_DOMAIN) on the I/O thread
 * that asks, without a socket or a thread of its own. Thread-safe: configure it before or while it is in use.
 * <p>
 * Rules, as zauth: a denied address is refused; with an allow list, only listed addresses pass; then NULL passes,
 * PLAIN needs a matching user and password, CURVE a listed key or {@link #allowAnyCurveKey()}.
 */
public final class Authenticator
{
    private final Set<String> allowed = new HashSet<>();
    private final Set<String> denied = new HashSet<>();
    private final Map<String, byte[]> passwords = new HashMap<>();
    private final List<byte[]> curveKeys = new ArrayList<>();
    private boolean anyCurveKey;

    /** Accept only connections from these IP addresses (plus any other allowed ones). */
    public synchronized Authenticator allow(final String address)
    {
        allowed.add(address);
        return this;
    }

    /** Refuse connections from this IP address. */
    public synchronized Authenticator deny(final String address)
    {
        denied.add(address);
        return this;
    }

    /** Accept PLAIN clients with this user name and password. */
    public synchronized Authenticator plainUser(final String user, final String password)
    {
        passwords.put(user, password.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Accept CURVE clients with this long-term public key (32 bytes). */
    public synchronized Authenticator allowCurveKey(final byte[] publicKey)
    {
        if (publicKey.length != 32)
        {
            throw new IllegalArgumentException("a CURVE public key is 32 bytes: " + publicKey.length);
        }
        curveKeys.add(publicKey.clone());
        return this;
    }

    /** Accept every CURVE client whose vouch is valid (zauth's CURVE_ALLOW_ANY). */
    public synchronized Authenticator allowAnyCurveKey()
    {
        anyCurveKey = true;
        return this;
    }

    /**
     * Answers one ZAP request (RFC 27 frames: version, request id, domain, address, identity, mechanism,
     * credentials).
     *
     * @return the reply frames.
     */
    synchronized byte[][] authenticate(final byte[][] request)
    {
        final String requestId = request.length > 1 ? ascii(request[1]) : "";
        if (request.length < 6 || !ZapCodec.VERSION.equals(ascii(request[0])))
        {
            return ZapCodec.encodeReply(requestId, "500", "Malformed ZAP request", "", null);
        }
        final String address = new String(request[3], StandardCharsets.UTF_8);
        final String mechanism = ascii(request[5]);
        if (denied.contains(address) || (!allowed.isEmpty() && !allowed.contains(address)))
        {
            return ZapCodec.encodeReply(requestId, "400", "Address not allowed", "", null);
        }
        switch (mechanism)
        {
            case "NULL":
                return ZapCodec.encodeReply(requestId, "200", "OK", "anonymous", null);
            case "PLAIN":
            {
                if (request.length < 8)
                {
                    return ZapCodec.encodeReply(requestId, "500", "Malformed PLAIN credentials", "", null);
                }
                final String user = new String(request[6], StandardCharsets.UTF_8);
                final byte[] expected = passwords.get(user);
                // Constant-time: a refused guess learns nothing from the time it took.
                final boolean match = expected != null && MessageDigest.isEqual(expected, request[7]);
                return match ? ZapCodec.encodeReply(requestId, "200", "OK", user, null) :
                    ZapCodec.encodeReply(requestId, "400", "Invalid username or password", "", null);
            }
            case "CURVE":
            {
                if (request.length < 7 || request[6].length != 32)
                {
                    return ZapCodec.encodeReply(requestId, "500", "Malformed CURVE credentials", "", null);
                }
                boolean known = anyCurveKey;
                for (final byte[] key : curveKeys)
                {
                    known |= MessageDigest.isEqual(key, request[6]);
                }
                return known ? ZapCodec.encodeReply(requestId, "200", "OK",
                    io.ringmq.codecs.Z85.encode(request[6]), null) :
                    ZapCodec.encodeReply(requestId, "400", "Unknown CURVE key", "", null);
            }
            default:
                return ZapCodec.encodeReply(requestId, "400", "Unsupported mechanism", "", null);
        }
    }

    private static String ascii(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
