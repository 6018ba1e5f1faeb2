package io.ringmq.bench.sidebyside;

import io.ringmq.engine.CurveKeyPair;

/**
 * The CURVE server key pair of one harness run, made on first use (X25519, the engine's CurveKeyPair) and
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
        static final CurveKeyPair PAIR = CurveKeyPair.generate();
    }

    static String secretZ85()
    {
        return CurveKeyPair.encodeZ85(Holder.PAIR.secretKey());
    }

    static String publicZ85()
    {
        return CurveKeyPair.encodeZ85(Holder.PAIR.publicKey());
    }
}
