package io.ringmq.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringmq.codecs.SocketType;

/**
 * PLAIN on both sides against a fuzzer playing the peer: HELLO, WELCOME, INITIATE, READY and ERROR as arbitrary
 * command frames (seeded with what real libzmq 4.3 peers send after the greeting: test-peers/fuzz_corpus.py).
 */
class PlainMechanismFuzz
{
    @FuzzTest
    void server(final byte[] frames)
    {
        MechanismUnderFuzz.run(PlainMechanism.server(new MechanismConfig(SocketType.ROUTER, null), null), frames);
    }

    @FuzzTest
    void client(final byte[] frames)
    {
        MechanismUnderFuzz.run(
            PlainMechanism.client(new MechanismConfig(SocketType.DEALER, null), "admin", "secret"), frames);
    }
}
