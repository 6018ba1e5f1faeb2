package io.ringmq.transports.zmtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.Splits;
import io.ringmq.codecs.ZmtpVersion;
import io.ringmq.crypto.CookieKeyring;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.crypto.PlainMechanism;
import io.ringmq.crypto.SecurityMechanism;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq's {@code test_{bind,connect}_{null,curve}_fuzzer}, and PLAIN beside them: the fuzzer plays the peer,
 * greeting, handshake and frames, against the real stream engine on the bind (server) or connect (client) side,
 * with the bytes cut at arbitrary points and the clock moving between them. Whatever arrives:
 * <ul>
 *     <li>nothing escapes the engine; a refusal is reported once, through the listener, and {@code onBytes} says
 *     -1 from then on;</li>
 *     <li>the engine consumes every byte it is given (this listener never pushes back) or fails: it never stalls;</li>
 *     <li>the heap it allocates is bounded by what arrived, never by what a header announced;</li>
 *     <li>once the handshake deadline passes it is either through the handshake or failed.</li>
 * </ul>
 * Input: the peer's bytes, 8 bytes seeding the cuts and the clock, one byte choosing the socket type (seeds from
 * real libzmq 4.3 conversations: test-peers/fuzz_corpus.py).
 */
class StreamEngineFuzz
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long HANDSHAKE_IVL_NS = 5_000 * MS;
    /**
     * What the engine may allocate on the heap for one run beyond a small multiple of the bytes that arrived:
     * failure reasons, a CURVE box's bookkeeping, first use of a class. A header announcing megabytes, taken at its
     * word, is far beyond it.
     */
    private static final long FIXED_ALLOCATION_BUDGET = 256 * 1024;
    private static final int ALLOCATION_PER_BYTE = 16;

    /** The ringmq socket facing a libzmq client (bind side) or server (connect side), by the selector byte. */
    private static final SocketType[] BIND_TYPES =
        {SocketType.ROUTER, SocketType.XPUB, SocketType.PULL, SocketType.REP};
    private static final SocketType[] CONNECT_TYPES =
        {SocketType.DEALER, SocketType.SUB, SocketType.PUSH, SocketType.REQ};

    /** The libzmq server's key pair in test-peers/fuzz_corpus.py: its captured HELLOs open with it. */
    private static final byte[] SERVER_PUBLIC = CurveKeys.fromZ85(":9o+laFS^NqtKE5RDFFC016B@IW=Ip+DyS[6>?R2");
    private static final byte[] SERVER_SECRET = CurveKeys.fromZ85("FuCHXKLe)S0vY$Ym--NUG6deNx*}hx<DJX^=Zt4O");
    private static final CurveKeys.KeyPair CLIENT_KEYS = CurveKeys.generateKeyPair();

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
    private long now;

    @FunctionalInterface
    private interface MechanismFactory
    {
        SecurityMechanism create(MechanismConfig config, LongSupplier clock);
    }

    /** Counts what the engine reports, without copying: the engine's allocations are what is measured. */
    private static final class CountingListener implements StreamEngineListener
    {
        int handshakes;
        int failures;
        long frameBytes;
        EngineFailure failure;

        public void onHandshakeSucceeded(final ZmtpVersion version, final SocketType peerType, final byte[] identity)
        {
            handshakes++;
        }

        public boolean onMessageFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
        {
            assertTrue(offset >= 0 && length >= 0 && offset + length <= buffer.capacity(), "frame inside its buffer");
            frameBytes += length;
            return true;
        }

        public boolean onSubscription(
            final boolean subscribe, final DirectBuffer buffer, final int offset, final int length)
        {
            assertTrue(offset >= 0 && length >= 0 && offset + length <= buffer.capacity(), "topic inside its buffer");
            return true;
        }

        public void onFailure(final EngineFailure failure, final String reason)
        {
            assertNotNull(failure);
            assertNotNull(reason);
            this.failure = failure;
            failures++;
        }
    }

    @FuzzTest
    void bindNull(final FuzzedDataProvider data)
    {
        run(data, BIND_TYPES, false, (config, clock) -> new NullMechanism(config));
    }

    @FuzzTest
    void connectNull(final FuzzedDataProvider data)
    {
        run(data, CONNECT_TYPES, false, (config, clock) -> new NullMechanism(config));
    }

    @FuzzTest
    void bindPlain(final FuzzedDataProvider data)
    {
        run(data, BIND_TYPES, true, (config, clock) -> PlainMechanism.server(config, null));
    }

    @FuzzTest
    void connectPlain(final FuzzedDataProvider data)
    {
        run(data, CONNECT_TYPES, true, (config, clock) -> PlainMechanism.client(config, "admin", "secret"));
    }

    @FuzzTest
    void bindCurve(final FuzzedDataProvider data)
    {
        run(data, BIND_TYPES, true, (config, clock) ->
            CurveMechanism.server(config, SERVER_PUBLIC, SERVER_SECRET, new CookieKeyring(clock), null));
    }

    @FuzzTest
    void connectCurve(final FuzzedDataProvider data)
    {
        run(data, CONNECT_TYPES, true, (config, clock) ->
            CurveMechanism.client(config, SERVER_PUBLIC, CLIENT_KEYS.publicKey(), CLIENT_KEYS.secretKey()));
    }

    private void run(
        final FuzzedDataProvider data, final SocketType[] types, final boolean secure, final MechanismFactory factory)
    {
        final SocketType type = types[data.consumeByte() & 3];
        final long seed = data.consumeLong();
        final byte[] bytes = data.consumeRemainingAsBytes();
        // Twice: the first run loads and initialises whatever classes this input reaches (class loading allocates
        // on the heap of the thread that triggers it); the second, identical, measures the engine alone.
        exercise(bytes, seed, type, secure, factory, false);
        exercise(bytes, seed, type, secure, factory, true);
    }

    private void exercise(
        final byte[] bytes,
        final long seed,
        final SocketType type,
        final boolean secure,
        final MechanismFactory factory,
        final boolean measured)
    {
        final Splits splits = new Splits(seed);
        now = 1_000_000 * MS;
        final StreamEngineConfig config = new StreamEngineConfig(type).routingId("fuzz".getBytes())
            .handshakeIvl(HANDSHAKE_IVL_NS).heartbeatIvl(100 * MS).heartbeatTimeout(300 * MS).securityInForce(secure);
        final CountingListener listener = new CountingListener();
        final StreamEngine engine =
            new StreamEngine(config, factory.create(new MechanismConfig(type, null), () -> now), listener);
        engine.start(now);

        final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        int position = 0;
        while (position < bytes.length && !engine.isFailed())
        {
            engine.drainControl(out, 0, out.capacity());
            final int length = splits.next(bytes.length - position);
            // Each read in a buffer of its own, exactly sized: a read past it throws.
            final UnsafeBuffer chunk = new UnsafeBuffer(Arrays.copyOfRange(bytes, position, position + length));
            final int consumed = engine.onBytes(chunk, 0, length, now);
            if (consumed < 0)
            {
                break;
            }
            assertEquals(length, consumed, "every byte taken when the listener never pushes back");
            position += length;
            if (splits.nextInt(8) == 0)
            {
                now += splits.nextInt(1_000) * MS;
                final boolean alive = engine.onTimer(now);
                assertEquals(!engine.isFailed(), alive, "onTimer says false exactly when failed");
            }
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        // The chunk copies above are the harness's: each is at most the bytes that arrived, plus a header.
        assertTrue(!measured || allocated <= FIXED_ALLOCATION_BUDGET + (long)ALLOCATION_PER_BYTE * position,
            "allocated " + allocated + " bytes on " + position + " bytes arrived");

        if (engine.isFailed())
        {
            assertEquals(1, listener.failures, "a failure is reported once");
            assertNotNull(engine.failure());
            assertEquals(-1, engine.onBytes(new UnsafeBuffer(new byte[1]), 0, 1, now), "refuses everything after");
        }
        else
        {
            assertEquals(0, listener.failures);
            // Past the handshake deadline, an engine that is not through the handshake has failed.
            now += HANDSHAKE_IVL_NS;
            final boolean alive = engine.onTimer(now);
            assertTrue(engine.isActive() || !alive, "stuck in the handshake past its deadline");
        }
        assertTrue(listener.handshakes <= 1, "one handshake per connection");
        assertFalse(listener.handshakes == 0 && listener.frameBytes > 0, "no message before the handshake");
        engine.close();
    }
}
