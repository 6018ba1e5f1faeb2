package io.ringmq.engine;

import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.CookieKeyring;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.crypto.PlainMechanism;
import io.ringmq.crypto.ZapNullMechanism;
import io.ringmq.crypto.ZapSettings;
import io.ringmq.transports.MechanismFactory;

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

    static boolean handles(final SocketOption<?> option)
    {
        return option == SocketOption.CURVE_SERVER || option == SocketOption.CURVE_PUBLICKEY ||
            option == SocketOption.CURVE_SECRETKEY || option == SocketOption.CURVE_SERVERKEY ||
            option == SocketOption.PLAIN_SERVER || option == SocketOption.PLAIN_USERNAME ||
            option == SocketOption.PLAIN_PASSWORD || option == SocketOption.ZAP_DOMAIN ||
            option == SocketOption.ZAP_ENFORCE_DOMAIN;
    }

    /**
     * @return null if accepted, else why not.
     */
    String set(final SocketOption<?> option, final Object value)
    {
        try
        {
            if (option == SocketOption.CURVE_SERVER)
            {
                curveServer = (Boolean)value;
                if (curveServer)
                {
                    plainServer = false;
                }
            }
            else if (option == SocketOption.CURVE_PUBLICKEY)
            {
                curvePublicKey = CurveKeys.fromOption((byte[])value);
            }
            else if (option == SocketOption.CURVE_SECRETKEY)
            {
                wipe(curveSecretKey);
                curveSecretKey = CurveKeys.fromOption((byte[])value);
            }
            else if (option == SocketOption.CURVE_SERVERKEY)
            {
                curveServerKey = CurveKeys.fromOption((byte[])value);
                curveServer = false;
            }
            else if (option == SocketOption.PLAIN_SERVER)
            {
                plainServer = (Boolean)value;
            }
            else if (option == SocketOption.PLAIN_USERNAME)
            {
                plainUsername = checkLength((String)value);
            }
            else if (option == SocketOption.PLAIN_PASSWORD)
            {
                plainPassword = checkLength((String)value);
            }
            else if (option == SocketOption.ZAP_DOMAIN)
            {
                zapDomain = checkLength((String)value);
            }
            else
            {
                zapEnforceDomain = (Boolean)value;
            }
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    Object get(final SocketOption<?> option)
    {
        if (option == SocketOption.CURVE_SERVER)
        {
            return curveServer;
        }
        if (option == SocketOption.CURVE_PUBLICKEY)
        {
            return curvePublicKey == null ? new byte[0] : curvePublicKey.clone();
        }
        if (option == SocketOption.CURVE_SERVERKEY)
        {
            return curveServerKey == null ? new byte[0] : curveServerKey.clone();
        }
        if (option == SocketOption.PLAIN_SERVER)
        {
            return plainServer;
        }
        if (option == SocketOption.PLAIN_USERNAME)
        {
            return plainUsername == null ? "" : plainUsername;
        }
        if (option == SocketOption.ZAP_DOMAIN)
        {
            return zapDomain;
        }
        if (option == SocketOption.ZAP_ENFORCE_DOMAIN)
        {
            return zapEnforceDomain;
        }
        throw new IllegalArgumentException(option + " is write-only");
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
        final MechanismConfig config = new MechanismConfig(type, routingId);
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

    private static String checkLength(final String value)
    {
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255)
        {
            throw new IllegalArgumentException("must be at most 255 bytes");
        }
        return value;
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
