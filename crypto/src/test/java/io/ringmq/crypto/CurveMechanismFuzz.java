package io.ringmq.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringmq.codecs.SocketType;

/**
 * CURVE on both sides against a fuzzer playing the peer (libzmq's {@code test_{bind,connect}_curve_fuzzer} at
 * the mechanism's level): the server's key pair is the one test-peers/fuzz_corpus.py gave the libzmq server, so
 * the captured HELLOs open and the fuzzer starts from a real handshake.
 */
class CurveMechanismFuzz
{
    private static final byte[] SERVER_PUBLIC = CurveKeys.fromZ85(":9o+laFS^NqtKE5RDFFC016B@IW=Ip+DyS[6>?R2");
    private static final byte[] SERVER_SECRET = CurveKeys.fromZ85("FuCHXKLe)S0vY$Ym--NUG6deNx*}hx<DJX^=Zt4O");
    private static final CurveKeys.KeyPair CLIENT_KEYS = CurveKeys.generateKeyPair();
    private static final long NOW_NS = 1_000_000_000L;

    @FuzzTest
    void server(final byte[] frames)
    {
        MechanismUnderFuzz.run(CurveMechanism.server(new MechanismConfig(SocketType.ROUTER, null),
            SERVER_PUBLIC, SERVER_SECRET, new CookieKeyring(() -> NOW_NS), null), frames);
    }

    @FuzzTest
    void client(final byte[] frames)
    {
        MechanismUnderFuzz.run(CurveMechanism.client(new MechanismConfig(SocketType.DEALER, null),
            SERVER_PUBLIC, CLIENT_KEYS.publicKey(), CLIENT_KEYS.secretKey()), frames);
    }
}
