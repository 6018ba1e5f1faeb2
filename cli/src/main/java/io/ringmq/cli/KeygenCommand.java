package io.ringmq.cli;

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
        throw CliException.runtime("keygen needs the CURVE build, which is not merged yet");
    }
}
