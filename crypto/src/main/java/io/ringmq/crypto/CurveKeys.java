package io.ringmq.crypto;

import io.ringmq.codecs.Z85;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * CURVE keys: X25519 key pairs (BouncyCastle), public-from-secret, NaCl's {@code crypto_box_beforenm}, and the
 * option forms libzmq accepts (32 raw bytes, 40 Z85 characters, or 41 with a terminating NUL).
 */
public final class CurveKeys
{
    public static final int KEY_LENGTH = 32;
    public static final int Z85_KEY_LENGTH = 40;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UnsafeBuffer ZERO_16 = new UnsafeBuffer(new byte[16]);

    private CurveKeys()
    {
    }

    /**
     * A public and secret key, as {@code zmq_curve_keypair} makes them.
     */
    public static final class KeyPair
    {
        private final byte[] publicKey;
        private final byte[] secretKey;

        KeyPair(final byte[] publicKey, final byte[] secretKey)
        {
            this.publicKey = publicKey;
            this.secretKey = secretKey;
        }

        public byte[] publicKey()
        {
            return publicKey.clone();
        }

        public byte[] secretKey()
        {
            return secretKey.clone();
        }

        public String publicKeyZ85()
        {
            return Z85.encode(publicKey);
        }

        public String secretKeyZ85()
        {
            return Z85.encode(secretKey);
        }
    }

    /**
     * @return a new key pair ({@code zmq_curve_keypair}).
     */
    public static KeyPair generateKeyPair()
    {
        final byte[] secret = new byte[KEY_LENGTH];
        RANDOM.nextBytes(secret);
        return new KeyPair(publicFromSecret(secret), secret);
    }

    /**
     * @return the public key of a secret key ({@code zmq_curve_public}).
     */
    public static byte[] publicFromSecret(final byte[] secretKey)
    {
        checkLength(secretKey);
        final byte[] publicKey = new byte[KEY_LENGTH];
        X25519.scalarMultBase(secretKey, 0, publicKey, 0);
        return publicKey;
    }

    /**
     * NaCl's {@code crypto_box_beforenm}: HSalsa20 of the X25519 shared secret, the key of every box between the
     * two key pairs.
     *
     * @return false if the peer's public key is of small order (the shared secret is all zero), as libsodium
     * refuses it; {@code out} is zeroed then.
     */
    public static boolean beforenm(final byte[] out, final byte[] peerPublic, final byte[] ownSecret)
    {
        final byte[] shared = new byte[KEY_LENGTH];
        try
        {
            if (!X25519.calculateAgreement(ownSecret, 0, peerPublic, 0, shared, 0))
            {
                Arrays.fill(out, 0, KEY_LENGTH, (byte)0);
                return false;
            }
            SecretBox.hsalsa20(out, 0, ZERO_16, 0, shared);
            return true;
        }
        finally
        {
            Arrays.fill(shared, (byte)0);
        }
    }

    /**
     * Reads a key option as libzmq does: 32 raw bytes, 40 Z85 characters, or 41 bytes ending in NUL.
     *
     * @throws IllegalArgumentException for any other form.
     */
    public static byte[] fromOption(final byte[] value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException("a CURVE key is required");
        }
        if (value.length == KEY_LENGTH)
        {
            return value.clone();
        }
        if (value.length == Z85_KEY_LENGTH || (value.length == Z85_KEY_LENGTH + 1 && value[Z85_KEY_LENGTH] == 0))
        {
            return Z85.decode(new String(value, 0, Z85_KEY_LENGTH, StandardCharsets.US_ASCII));
        }
        throw new IllegalArgumentException(
            "a CURVE key is 32 bytes or 40 Z85 characters, not " + value.length + " bytes");
    }

    /**
     * @return the 32-byte key of a 40-character Z85 text.
     */
    public static byte[] fromZ85(final String text)
    {
        if (text.length() != Z85_KEY_LENGTH)
        {
            throw new IllegalArgumentException("a Z85 CURVE key is 40 characters, not " + text.length());
        }
        return Z85.decode(text);
    }

    public static String toZ85(final byte[] key)
    {
        checkLength(key);
        return Z85.encode(key);
    }

    static void checkLength(final byte[] key)
    {
        if (key == null || key.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException("a CURVE key is 32 bytes");
        }
    }

    static SecureRandom random()
    {
        return RANDOM;
    }
}
