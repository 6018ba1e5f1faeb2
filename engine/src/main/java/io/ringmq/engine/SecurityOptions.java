package io.ringmq.engine;

import io.ringmq.crypto.CookieKeyring;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.crypto.PlainMechanism;
import io.ringmq.crypto.ZapNullMechanism;
import io.ringmq.crypto.ZapSettings;
import io.ringmq.transports.zmtp.MechanismFactory;

import java.util.Arrays;

/**
 * A socket's security options (CURVE_*, PLAIN_*, ZAP_*), as libzmq takes them, and the mechanism each new
 * connection gets. The secret key is copied in, and zeroed when the socket closes.
 */
final class SecurityOptions
{
    boolean curveServer;
    byte[] curvePublicKey;
    byte[] curveSecretKey;
    byte[] curveServerKey;
    boolean plainServer;
    String plainUsername;
    String plainPassword;
    String zapDomain = "";
    boolean zapEnforceDomain;
    private CookieKeyring cookies;
    /** Copies of the secret key handed to connection factories: zeroed with the socket. */
    private final java.util.List<byte[]> issuedSecrets = new java.util.ArrayList<>();

    /** CURVE_SERVER: a CURVE server is not a PLAIN server. */
    void curveServer(final boolean server)
    {
        curveServer = server;
        if (server)
        {
            plainServer = false;
        }
    }

    /** CURVE_SECRETKEY, already decoded: the previous key is zeroed. */
    void curveSecretKey(final byte[] key)
    {
        wipe(curveSecretKey);
        curveSecretKey = key;
    }

    /** CURVE_SERVERKEY, already decoded: makes the socket a CURVE client. */
    void curveServerKey(final byte[] key)
    {
        curveServerKey = key;
        curveServer = false;
    }

    /**
     * @return libzmq's MECHANISM number of what {@link #factory} picks: 0 NULL, 1 PLAIN, 2 CURVE.
     */
    int mechanism()
    {
        if (curveServer || curveServerKey != null)
        {
            return 2;
        }
        return plainServer || plainUsername != null ? 1 : 0;
    }

    /**
     * @return true when a mechanism other than NULL, or ZAP, is configured: pre-3.0 peers are then refused.
     */
    boolean inForce()
    {
        return curveServer || curveServerKey != null || plainServer || plainUsername != null || !zapDomain.isEmpty();
    }

    /**
     * The mechanism factory for a bind or connect, as libzmq picks: CURVE when CURVE_SERVER or CURVE_SERVERKEY,
     * PLAIN when PLAIN_SERVER or PLAIN_USERNAME, else NULL (asking ZAP when a ZAP_DOMAIN is set).
     */
    MechanismFactory factory(final Context context, final SocketType type, final byte[] routingId)
    {
        final MechanismConfig config = new MechanismConfig(type.wire(), routingId);
        if (curveServer)
        {
            requireKeys(true);
            final byte[] publicKey = curvePublicKey.clone();
            final byte[] secretKey = issue(curveSecretKey);
            if (null == cookies)
            {
                cookies = new CookieKeyring(context.clock()::nanoTime);
            }
            final CookieKeyring keyring = cookies;
            return address ->
                CurveMechanism.server(config, publicKey, secretKey, keyring, zap(context, address, routingId));
        }
        if (curveServerKey != null)
        {
            requireKeys(false);
            final byte[] serverKey = curveServerKey.clone();
            final byte[] publicKey = curvePublicKey.clone();
            final byte[] secretKey = issue(curveSecretKey);
            return address -> CurveMechanism.client(config, serverKey, publicKey, secretKey);
        }
        if (plainServer)
        {
            return address -> PlainMechanism.server(config, zap(context, address, routingId));
        }
        if (plainUsername != null)
        {
            final String user = plainUsername;
            final String password = plainPassword == null ? "" : plainPassword;
            return address -> PlainMechanism.client(config, user, password);
        }
        if (!zapDomain.isEmpty())
        {
            return address -> new ZapNullMechanism(config, zap(context, address, routingId));
        }
        return address -> new NullMechanism(config);
    }

    private byte[] issue(final byte[] secret)
    {
        final byte[] copy = secret.clone();
        issuedSecrets.add(copy);
        return copy;
    }

    private ZapSettings zap(final Context context, final String address, final byte[] routingId)
    {
        return new ZapSettings(new InprocZapClient(context), zapDomain, address, routingId, zapEnforceDomain);
    }

    private void requireKeys(final boolean server)
    {
        if (null == curvePublicKey || null == curveSecretKey)
        {
            throw new RingMqException("a CURVE " + (server ? "server" : "client") +
                " needs CURVE_PUBLICKEY and CURVE_SECRETKEY (EINVAL)");
        }
    }

    /**
     * Zeroes the secret key and retires the cookie keys: the socket is closing.
     */
    void close()
    {
        wipe(curveSecretKey);
        curveSecretKey = null;
        for (final byte[] secret : issuedSecrets)
        {
            wipe(secret);
        }
        issuedSecrets.clear();
        if (null != cookies)
        {
            cookies.close();
            cookies = null;
        }
    }

    private static void wipe(final byte[] key)
    {
        if (null != key)
        {
            Arrays.fill(key, (byte)0);
        }
    }
}
