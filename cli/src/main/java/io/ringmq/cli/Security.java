package io.ringmq.cli;

import io.ringmq.codecs.Z85;
import io.ringmq.engine.Socket;

/**
 * Applies the CURVE and PLAIN options of cli.md to a socket, refusing bad keys and inconsistent combinations as
 * usage errors.
 */
final class Security
{
    private Security()
    {
    }

    static void apply(final Socket socket, final CommonOptions options)
    {
        validate(options);
        if (options.curveServer || options.curveServerKey != null || options.plainUser != null)
        {
            throw CliException.usage("CURVE and PLAIN are not available in this build yet");
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
        if (options.plainServer && options.plainUser == null)
        {
            throw CliException.usage("--plain-server needs --plain-user USER:PASS");
        }
        if (options.plainUser != null && options.plainUser.indexOf(':') < 0)
        {
            throw CliException.usage("--plain-user must be USER:PASS: '" + options.plainUser + "'");
        }
    }

    static byte[] key(final String option, final String z85)
    {
        checkKey(option, z85);
        return Z85.decode(z85);
    }

    private static void checkKey(final String option, final String z85)
    {
        if (z85 != null && !Z85.isValid(z85, 32))
        {
            throw CliException.usage(option + " is not a 40-character Z85 key: '" + z85 + "'");
        }
    }
}
