package io.ringmq.engine;

import io.ringmq.codecs.Z85;
import io.ringmq.crypto.CurveKeys;

/**
 * A CURVE key pair (X25519, 32-byte keys) and libzmq's key helpers: {@link #generate()} is
 * {@code zmq_curve_keypair}, {@link #publicKeyOf(byte[])} is {@code zmq_curve_public}, {@link #encodeZ85(byte[])}
 * and {@link #decodeZ85(String)} are {@code zmq_z85_encode}/{@code zmq_z85_decode} for keys (40 characters).
 *
 * <p>Keys go into {@link SocketOption#CURVE_PUBLICKEY}, {@link SocketOption#CURVE_SECRETKEY} and
 * {@link SocketOption#CURVE_SERVERKEY} as the 32 raw bytes or the 40 Z85 characters. Every accessor returns a
 * copy, so a caller may wipe what it was given.
 */
public final class CurveKeyPair
{
    /** A raw key's length in bytes. */
    public static final int KEY_LENGTH = 32;
    /** A Z85-encoded key's length in characters. */
    public static final int Z85_KEY_LENGTH = 40;

    private final byte[] publicKey;
    private final byte[] secretKey;

    private CurveKeyPair(final byte[] publicKey, final byte[] secretKey)
    {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    /**
     * @return a new key pair from a secure random secret ({@code zmq_curve_keypair}).
     */
    public static CurveKeyPair generate()
    {
        final CurveKeys.KeyPair pair = CurveKeys.generateKeyPair();
        return new CurveKeyPair(pair.publicKey(), pair.secretKey());
    }

    /**
     * @param secretKey a 32-byte secret key.
     * @return its public key ({@code zmq_curve_public}).
     * @throws IllegalArgumentException if the key is not 32 bytes.
     */
    public static byte[] publicKeyOf(final byte[] secretKey)
    {
        return CurveKeys.publicFromSecret(secretKey);
    }

    /**
     * @param key a 32-byte key.
     * @return its 40 Z85 characters.
     * @throws IllegalArgumentException if the key is not 32 bytes.
     */
    public static String encodeZ85(final byte[] key)
    {
        return CurveKeys.toZ85(key);
    }

    /**
     * @param key 40 Z85 characters.
     * @return the 32-byte key.
     * @throws IllegalArgumentException naming the problem: the wrong length or a character outside Z85.
     */
    public static byte[] decodeZ85(final String key)
    {
        return CurveKeys.fromZ85(key);
    }

    /**
     * @return true if {@code text} is a Z85-encoded key: 40 characters of Z85 that decode.
     */
    public static boolean isZ85Key(final CharSequence text)
    {
        return text != null && Z85.isValid(text, KEY_LENGTH);
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

    /** Names the public key only: a key pair's string form must never carry the secret into a log. */
    @Override
    public String toString()
    {
        return "CurveKeyPair{public=" + publicKeyZ85() + "}";
    }
}
