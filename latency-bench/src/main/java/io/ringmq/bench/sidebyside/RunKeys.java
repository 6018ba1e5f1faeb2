package io.ringmq.bench.sidebyside;

import io.ringmq.crypto.CurveKeys;

/**
 * The CURVE server key pair of one harness run, made on first use (X25519 through ringmq's crypto module) and
 * handed to both sides of every CURVE run as Z85 text: {@code {curve-opt}}, {@code {curve-secret}},
 * {@code {curve-public}} in a contender's template. libzmq and ringmq read the same Z85 keys.
 */
final class RunKeys
{
    private RunKeys()
    {
    }

    private static final class Holder
    {
        static final CurveKeys.KeyPair PAIR = CurveKeys.generateKeyPair();
    }

    static String secretZ85()
    {
        return CurveKeys.toZ85(Holder.PAIR.secretKey());
    }

    static String publicZ85()
    {
        return CurveKeys.toZ85(Holder.PAIR.publicKey());
    }
}
