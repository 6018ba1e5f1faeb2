package io.ringmq.crypto;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The CURVE server's cookie keys (RFC 26): WELCOME seals the cookie under the current key, which is replaced
 * every minute; INITIATE must bring back a cookie that opens under the current key or the one just before it, so
 * a cookie lives at most two minutes and a server keeps no per-client state between WELCOME and INITIATE.
 * Retired keys are zeroed. The clock is injectable (nanoseconds), so tests expire keys without waiting.
 * <p>
 * One per server socket, shared by its connections: thread-safe (handshakes only, never on the message path).
 */
public final class CookieKeyring implements AutoCloseable
{
    public static final long ROTATION_NS = TimeUnit.MINUTES.toNanos(1);

    private final LongSupplier clock;
    private final byte[] current = new byte[SecretBox.KEY_LENGTH];
    private final byte[] previous = new byte[SecretBox.KEY_LENGTH];
    private long currentSinceNs;
    private boolean hasPrevious;

    /**
     * @param nanoClock the time, e.g. {@code System::nanoTime}.
     */
    public CookieKeyring(final LongSupplier nanoClock)
    {
        this.clock = nanoClock;
        CurveKeys.random().nextBytes(current);
        currentSinceNs = nanoClock.getAsLong();
    }

    public CookieKeyring()
    {
        this(System::nanoTime);
    }

    private void rotateIfDue()
    {
        final long now = clock.getAsLong();
        final long age = now - currentSinceNs;
        if (age < ROTATION_NS)
        {
            return;
        }
        if (age < 2 * ROTATION_NS)
        {
            System.arraycopy(current, 0, previous, 0, current.length);
            hasPrevious = true;
        }
        else
        {
            Arrays.fill(previous, (byte)0);
            hasPrevious = false;
        }
        CurveKeys.random().nextBytes(current);
        currentSinceNs = now;
    }

    /**
     * Copies the key to seal a new cookie with.
     */
    synchronized void sealingKey(final byte[] out)
    {
        rotateIfDue();
        System.arraycopy(current, 0, out, 0, current.length);
    }

    /**
     * Copies the keys a cookie may have been sealed with into {@code out} (32 bytes each).
     *
     * @return how many: 1 or 2.
     */
    synchronized int openingKeys(final byte[] out)
    {
        rotateIfDue();
        System.arraycopy(current, 0, out, 0, current.length);
        if (hasPrevious)
        {
            System.arraycopy(previous, 0, out, current.length, previous.length);
            return 2;
        }
        return 1;
    }

    /**
     * Zeroes the keys (when the socket closes).
     */
    public synchronized void close()
    {
        Arrays.fill(current, (byte)0);
        Arrays.fill(previous, (byte)0);
        hasPrevious = false;
    }
}
