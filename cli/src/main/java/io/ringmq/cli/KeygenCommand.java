package io.ringmq.cli;

import io.ringmq.engine.CurveKeyPair;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ringmq keygen}: a fresh CURVE key pair, Z85-encoded, as {@code zmq_curve_keypair} makes it.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Print a fresh CURVE key pair, Z85-encoded.")
final class KeygenCommand implements Callable<Integer>
{
    public Integer call()
    {
        final CurveKeyPair pair = CurveKeyPair.generate();
        System.out.println("public: " + pair.publicKeyZ85());
        System.out.println("secret: " + pair.secretKeyZ85());
        System.out.flush();
        return 0;
    }
}
