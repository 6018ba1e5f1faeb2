package io.ringmq.cli;

import io.ringmq.engine.Authenticator;
import io.ringmq.engine.Context;
import io.ringmq.engine.CurveKeyPair;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;

/**
 * Applies the CURVE and PLAIN options of cli.md to a socket, refusing bad keys and inconsistent combinations as
 * usage errors. Servers decide through ZAP: the context's built-in authenticator holds the allowed keys or the
 * one PLAIN user.
 */
final class Security
{
    private Security()
    {
    }

    static void apply(final Context context, final Socket socket, final CommonOptions options)
    {
        validate(options);
        if (options.curveServer)
        {
            final byte[] secret = CurveKeyPair.decodeZ85(options.curveSecret);
            socket.setOption(SocketOption.CURVE_SERVER, true);
            socket.setOption(SocketOption.CURVE_PUBLICKEY, CurveKeyPair.publicKeyOf(secret));
            socket.setOption(SocketOption.CURVE_SECRETKEY, secret);
            java.util.Arrays.fill(secret, (byte)0);
            final Authenticator authenticator = new Authenticator();
            if (options.curveAllow.isEmpty())
            {
                authenticator.allowAnyCurveKey();
            }
            for (final String key : options.curveAllow)
            {
                authenticator.allowCurveKey(CurveKeyPair.decodeZ85(key));
            }
            context.authenticator(authenticator);
        }
        else if (options.curveServerKey != null)
        {
            socket.setOption(SocketOption.CURVE_SERVERKEY, CurveKeyPair.decodeZ85(options.curveServerKey));
            if (options.curveSecret != null)
            {
                final byte[] secret = CurveKeyPair.decodeZ85(options.curveSecret);
                socket.setOption(SocketOption.CURVE_PUBLICKEY, CurveKeyPair.publicKeyOf(secret));
                socket.setOption(SocketOption.CURVE_SECRETKEY, secret);
                java.util.Arrays.fill(secret, (byte)0);
            }
            else
            {
                final CurveKeyPair fresh = CurveKeyPair.generate();
                socket.setOption(SocketOption.CURVE_PUBLICKEY, fresh.publicKey());
                socket.setOption(SocketOption.CURVE_SECRETKEY, fresh.secretKey());
            }
        }
        if (options.plainUser != null)
        {
            final int colon = options.plainUser.indexOf(':');
            final String user = options.plainUser.substring(0, colon);
            final String password = options.plainUser.substring(colon + 1);
            if (options.plainServer)
            {
                socket.setOption(SocketOption.PLAIN_SERVER, true);
                context.authenticator(new Authenticator().plainUser(user, password));
            }
            else
            {
                socket.setOption(SocketOption.PLAIN_USERNAME, user);
                socket.setOption(SocketOption.PLAIN_PASSWORD, password);
            }
        }
    }

    static void validate(final CommonOptions options)
    {
        checkKey("--curve-secret", options.curveSecret);
        checkKey("--curve-server-key", options.curveServerKey);
        for (final String key : options.curveAllow)
        {
            checkKey("--curve-allow", key);
        }
        if (options.curveServer && options.curveSecret == null)
        {
            throw CliException.usage("--curve-server needs --curve-secret Z85");
        }
        if (options.curveServer && options.curveServerKey != null)
        {
            throw CliException.usage("--curve-server and --curve-server-key exclude each other");
        }
        if (options.plainServer && options.plainUser == null)
        {
            throw CliException.usage("--plain-server needs --plain-user USER:PASS");
        }
        if (options.plainUser != null && options.plainUser.indexOf(':') < 0)
        {
            throw CliException.usage("--plain-user must be USER:PASS: '" + options.plainUser + "'");
        }
        if (options.plainUser != null && (options.curveServer || options.curveServerKey != null))
        {
            throw CliException.usage("choose CURVE or PLAIN, not both");
        }
    }

    private static void checkKey(final String option, final String z85)
    {
        if (z85 != null && !CurveKeyPair.isZ85Key(z85))
        {
            throw CliException.usage(option + " is not a 40-character Z85 key: '" + z85 + "'");
        }
    }
}
