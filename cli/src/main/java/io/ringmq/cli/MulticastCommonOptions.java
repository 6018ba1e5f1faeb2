package io.ringmq.cli;

import picocli.CommandLine.Option;

/**
 * The common options plus epgm's {@code --rate} and {@code --recovery-ivl}, for the commands issue 14 gives them
 * (send, recv, proxy, record and the perf tools). {@code replay} keeps the plain {@link CommonOptions}: its
 * {@code --rate} is a message rate.
 */
final class MulticastCommonOptions extends CommonOptions
{
    @Option(names = "--rate", paramLabel = "KBITS",
        description = "epgm: the multicast data rate in kbit/s (RATE; default 100, as libzmq's). Set it on both sides.")
    String rate;

    @Option(names = "--recovery-ivl", paramLabel = "MS",
        description = "epgm: how long a sender keeps sent data for repairs, in ms (RECOVERY_IVL; default 10000).")
    String recoveryIvl;

    @Override
    int rateKbps()
    {
        return rate == null ? -1 : Numbers.positive("--rate", rate);
    }

    @Override
    int recoveryIvlMs()
    {
        return recoveryIvl == null ? -1 : Numbers.nonNegative("--recovery-ivl", recoveryIvl);
    }
}
