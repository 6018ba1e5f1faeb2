package io.ringmq.crypto;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20 + Poly1305) and the HSalsa20 core behind {@code crypto_box_beforenm},
 * written here rather than taken from BouncyCastle: BouncyCastle's {@code XSalsa20Engine} and {@code Poly1305}
 * allocate on every {@code init} (one per message, since every message has a new nonce) and it exposes no
 * HSalsa20. This class allocates nothing after construction: one instance per connection (or per thread) keeps
 * its scratch state, so a CURVE message costs one seal or one open and no garbage.
 * <p>
 * The layout is libsodium's "easy" one, as CurveZMQ puts it on the wire: the 16-byte Poly1305 tag, then the
 * ciphertext, as long as the plaintext. {@link #open} checks the tag in constant time before it writes any
 * plaintext. Tested against BouncyCastle's {@code XSalsa20Engine} and {@code Poly1305} on random inputs and
 * against NaCl's published box/secretbox vectors.
 * <p>
 * Not thread-safe.
 */
public final class SecretBox
{
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 24;
    public static final int MAC_LENGTH = 16;

    private static final int SIGMA0 = 0x61707865;
    private static final int SIGMA1 = 0x3320646e;
    private static final int SIGMA2 = 0x79622d32;
    private static final int SIGMA3 = 0x6b206574;
    private static final long MASK26 = 0x3ffffff;

    private final int[] subKey = new int[8];
    private final int[] block = new int[16];
    private final byte[] tail = new byte[16];
    private final byte[] tag = new byte[MAC_LENGTH];

    // Poly1305 state: r in 26-bit limbs, its multiples by 5, the accumulator h and the pad s.
    private long r0, r1, r2, r3, r4, s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private long pad0, pad1, pad2, pad3;

    /**
     * Seals {@code length} bytes of {@code src} into {@code dst}: tag then ciphertext, {@code length + 16} bytes.
     * {@code dst} and {@code src} may be the same buffer only if the regions do not overlap.
     *
     * @return bytes written.
     */
    public int seal(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final DirectBuffer nonce,
        final int nonceOffset,
        final byte[] key)
    {
        initStream(nonce, nonceOffset, key);
        xorStream(dst, dstOffset + MAC_LENGTH, src, srcOffset, length);
        poly1305(dst, dstOffset + MAC_LENGTH, length);
        dst.putBytes(dstOffset, tag, 0, MAC_LENGTH);
        wipeStream();
        return length + MAC_LENGTH;
    }

    /**
     * Opens a box of {@code boxLength} bytes (tag then ciphertext) into {@code dst}: {@code boxLength - 16} bytes
     * of plaintext, written only if the tag is right.
     *
     * @return false if the box is shorter than a tag or its tag is wrong (nothing written then).
     */
    public boolean open(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final DirectBuffer box,
        final int boxOffset,
        final int boxLength,
        final DirectBuffer nonce,
        final int nonceOffset,
        final byte[] key)
    {
        if (boxLength < MAC_LENGTH)
        {
            return false;
        }
        final int length = boxLength - MAC_LENGTH;
        initStream(nonce, nonceOffset, key);
        poly1305(box, boxOffset + MAC_LENGTH, length);
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            difference |= tag[i] ^ box.getByte(boxOffset + i);
        }
        if (difference != 0)
        {
            wipeStream();
            return false;
        }
        xorStream(dst, dstOffset, box, boxOffset + MAC_LENGTH, length);
        wipeStream();
        return true;
    }

    /**
     * Seals one prefix byte followed by {@code length} bytes of {@code src}, as if they were one plaintext: how a
     * CURVE MESSAGE seals its flags byte and a frame without first copying them together.
     *
     * @return bytes written: {@code 16 + 1 + length}.
     */
    public int sealWithPrefix(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final byte prefix,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final DirectBuffer nonce,
        final int nonceOffset,
        final byte[] key)
    {
        initStream(nonce, nonceOffset, key);
        dst.putByte(dstOffset + MAC_LENGTH, (byte)(prefix ^ nextStreamByte()));
        xorStream(dst, dstOffset + MAC_LENGTH + 1, src, srcOffset, length);
        poly1305(dst, dstOffset + MAC_LENGTH, length + 1);
        dst.putBytes(dstOffset, tag, 0, MAC_LENGTH);
        wipeStream();
        return length + 1 + MAC_LENGTH;
    }

    /**
     * Opens a box whose plaintext is one prefix byte then the rest: the rest goes to {@code dst}, the prefix is
     * returned.
     *
     * @return the prefix byte (0..255), or -1 if the box has no plaintext byte or its tag is wrong (nothing written).
     */
    public int openWithPrefix(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final DirectBuffer box,
        final int boxOffset,
        final int boxLength,
        final DirectBuffer nonce,
        final int nonceOffset,
        final byte[] key)
    {
        if (boxLength < MAC_LENGTH + 1)
        {
            return -1;
        }
        final int length = boxLength - MAC_LENGTH;
        initStream(nonce, nonceOffset, key);
        poly1305(box, boxOffset + MAC_LENGTH, length);
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            difference |= tag[i] ^ box.getByte(boxOffset + i);
        }
        if (difference != 0)
        {
            wipeStream();
            return -1;
        }
        final int prefix = (box.getByte(boxOffset + MAC_LENGTH) ^ nextStreamByte()) & 0xFF;
        xorStream(dst, dstOffset, box, boxOffset + MAC_LENGTH + 1, length - 1);
        wipeStream();
        return prefix;
    }

    /**
     * {@link #sealWithPrefix} for a nonce whose first 16 bytes never change (CURVE's MESSAGE nonce prefix is fixed
     * per direction): {@code subKey} is {@link #hsalsa20} of the key and those 16 bytes, computed once per
     * connection, so a message skips one Salsa20 core.
     *
     * @param nonceTail the last 8 nonce bytes as a big-endian long, as CURVE puts its short nonce on the wire.
     */
    public int sealWithSubKey(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final byte prefix,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final byte[] subKey,
        final long nonceTail)
    {
        initStreamWithSubKey(subKey, nonceTail);
        dst.putByte(dstOffset + MAC_LENGTH, (byte)(prefix ^ nextStreamByte()));
        xorStream(dst, dstOffset + MAC_LENGTH + 1, src, srcOffset, length);
        poly1305(dst, dstOffset + MAC_LENGTH, length + 1);
        dst.putBytes(dstOffset, tag, 0, MAC_LENGTH);
        wipeStream();
        return length + 1 + MAC_LENGTH;
    }

    /**
     * {@link #openWithPrefix} with a precomputed sub-key, as {@link #sealWithSubKey}.
     */
    public int openWithSubKey(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final DirectBuffer box,
        final int boxOffset,
        final int boxLength,
        final byte[] subKey,
        final long nonceTail)
    {
        if (boxLength < MAC_LENGTH + 1)
        {
            return -1;
        }
        final int length = boxLength - MAC_LENGTH;
        initStreamWithSubKey(subKey, nonceTail);
        poly1305(box, boxOffset + MAC_LENGTH, length);
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            difference |= tag[i] ^ box.getByte(boxOffset + i);
        }
        if (difference != 0)
        {
            wipeStream();
            return -1;
        }
        final int prefix = (box.getByte(boxOffset + MAC_LENGTH) ^ nextStreamByte()) & 0xFF;
        xorStream(dst, dstOffset, box, boxOffset + MAC_LENGTH + 1, length - 1);
        wipeStream();
        return prefix;
    }

    private void initStreamWithSubKey(final byte[] key, final long nonceTail)
    {
        for (int i = 0; i < 8; i++)
        {
            subKey[i] = getIntLE(key, 4 * i);
        }
        // The tail's bytes in wire (big-endian) order, read as two little-endian words.
        nonce0 = Integer.reverseBytes((int)(nonceTail >>> 32));
        nonce1 = Integer.reverseBytes((int)nonceTail);
        counter = 0;
        nextBlock();
        polyInit();
        blockUsed = 32;
    }

    private int nextStreamByte()
    {
        if (blockUsed == 64)
        {
            nextBlock();
        }
        final int streamByte = block[blockUsed >> 2] >>> ((blockUsed & 3) << 3);
        blockUsed++;
        return streamByte;
    }

    /**
     * HSalsa20: derives 32 bytes from a 32-byte key and a 16-byte input. With an all-zero input over an X25519
     * shared secret it is NaCl's {@code crypto_box_beforenm}.
     */
    public static void hsalsa20(
        final byte[] out, final int outOffset, final DirectBuffer input, final int inputOffset, final byte[] key)
    {
        final int[] x = new int[16];
        hsalsa20(x, input, inputOffset, key);
        for (int i = 0; i < 8; i++)
        {
            putIntLE(out, outOffset + 4 * i, x[i]);
        }
        java.util.Arrays.fill(x, 0);
    }

    /**
     * HSalsa20 into the first 8 words of {@code x} (which must hold 16).
     */
    private static void hsalsa20(final int[] x, final DirectBuffer input, final int inputOffset, final byte[] key)
    {
        x[0] = SIGMA0;
        x[1] = getIntLE(key, 0);
        x[2] = getIntLE(key, 4);
        x[3] = getIntLE(key, 8);
        x[4] = getIntLE(key, 12);
        x[5] = SIGMA1;
        x[6] = input.getInt(inputOffset, ByteOrder.LITTLE_ENDIAN);
        x[7] = input.getInt(inputOffset + 4, ByteOrder.LITTLE_ENDIAN);
        x[8] = input.getInt(inputOffset + 8, ByteOrder.LITTLE_ENDIAN);
        x[9] = input.getInt(inputOffset + 12, ByteOrder.LITTLE_ENDIAN);
        x[10] = SIGMA2;
        x[11] = getIntLE(key, 16);
        x[12] = getIntLE(key, 20);
        x[13] = getIntLE(key, 24);
        x[14] = getIntLE(key, 28);
        x[15] = SIGMA3;
        rounds(x);
        // HSalsa20 outputs the diagonal and the input words, without the feed-forward addition.
        final int a = x[0], b = x[5], c = x[10], d = x[15], e = x[6], f = x[7], g = x[8], h = x[9];
        x[0] = a;
        x[1] = b;
        x[2] = c;
        x[3] = d;
        x[4] = e;
        x[5] = f;
        x[6] = g;
        x[7] = h;
    }

    private static void rounds(final int[] s)
    {
        int x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
        int x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15];
        for (int i = 0; i < 10; i++)
        {
            // columns
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // rows
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        s[0] = x0;
        s[1] = x1;
        s[2] = x2;
        s[3] = x3;
        s[4] = x4;
        s[5] = x5;
        s[6] = x6;
        s[7] = x7;
        s[8] = x8;
        s[9] = x9;
        s[10] = x10;
        s[11] = x11;
        s[12] = x12;
        s[13] = x13;
        s[14] = x14;
        s[15] = x15;
    }

    private int nonce0;
    private int nonce1;
    private long counter;
    private int blockUsed;

    /**
     * XSalsa20 set-up: the sub-key from HSalsa20 over the first 16 nonce bytes, then block 0 whose first 32 bytes
     * are the Poly1305 key; the stream for the message starts at byte 32 of block 0.
     */
    private void initStream(final DirectBuffer nonce, final int nonceOffset, final byte[] key)
    {
        hsalsa20(block, nonce, nonceOffset, key);
        System.arraycopy(block, 0, subKey, 0, 8);
        nonce0 = nonce.getInt(nonceOffset + 16, ByteOrder.LITTLE_ENDIAN);
        nonce1 = nonce.getInt(nonceOffset + 20, ByteOrder.LITTLE_ENDIAN);
        counter = 0;
        nextBlock();
        polyInit();
        blockUsed = 32;
    }

    private void nextBlock()
    {
        final int[] x = block;
        final int[] k = subKey;
        x[0] = SIGMA0;
        x[1] = k[0];
        x[2] = k[1];
        x[3] = k[2];
        x[4] = k[3];
        x[5] = SIGMA1;
        x[6] = nonce0;
        x[7] = nonce1;
        x[8] = (int)counter;
        x[9] = (int)(counter >>> 32);
        x[10] = SIGMA2;
        x[11] = k[4];
        x[12] = k[5];
        x[13] = k[6];
        x[14] = k[7];
        x[15] = SIGMA3;
        rounds(x);
        x[0] += SIGMA0;
        x[1] += k[0];
        x[2] += k[1];
        x[3] += k[2];
        x[4] += k[3];
        x[5] += SIGMA1;
        x[6] += nonce0;
        x[7] += nonce1;
        x[8] += (int)counter;
        x[9] += (int)(counter >>> 32);
        x[10] += SIGMA2;
        x[11] += k[4];
        x[12] += k[5];
        x[13] += k[6];
        x[14] += k[7];
        x[15] += SIGMA3;
        counter++;
        blockUsed = 0;
    }

    private void xorStream(
        final MutableDirectBuffer dst,
        final int dstOffset,
        final DirectBuffer src,
        final int srcOffset,
        final int length)
    {
        int done = 0;
        while (done < length)
        {
            if (blockUsed == 64)
            {
                nextBlock();
                if (length - done >= 64)
                {
                    xorWholeBlock(dst, dstOffset + done, src, srcOffset + done);
                    done += 64;
                    blockUsed = 64;
                    continue;
                }
            }
            if ((blockUsed & 3) == 0 && length - done >= 4)
            {
                final int word = block[blockUsed >> 2];
                dst.putInt(dstOffset + done,
                    src.getInt(srcOffset + done, ByteOrder.LITTLE_ENDIAN) ^ word, ByteOrder.LITTLE_ENDIAN);
                done += 4;
                blockUsed += 4;
            }
            else
            {
                final int streamByte = block[blockUsed >> 2] >>> ((blockUsed & 3) << 3);
                dst.putByte(dstOffset + done, (byte)(src.getByte(srcOffset + done) ^ streamByte));
                done++;
                blockUsed++;
            }
        }
    }

    /**
     * XORs a whole 64-byte key-stream block, eight bytes at a time.
     */
    private void xorWholeBlock(
        final MutableDirectBuffer dst, final int dstOffset, final DirectBuffer src, final int srcOffset)
    {
        final int[] b = block;
        for (int i = 0; i < 8; i++)
        {
            final long stream = (b[2 * i] & 0xFFFFFFFFL) | ((long)b[2 * i + 1] << 32);
            dst.putLong(dstOffset + 8 * i, src.getLong(srcOffset + 8 * i, ByteOrder.LITTLE_ENDIAN) ^ stream,
                ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void wipeStream()
    {
        java.util.Arrays.fill(block, 0);
        java.util.Arrays.fill(subKey, 0);
        java.util.Arrays.fill(tail, (byte)0);
        r0 = r1 = r2 = r3 = r4 = s1 = s2 = s3 = s4 = 0;
        h0 = h1 = h2 = h3 = h4 = 0;
        pad0 = pad1 = pad2 = pad3 = 0;
    }

    /**
     * Poly1305 key from the first 32 bytes of stream block 0: r clamped, s the pad.
     */
    private void polyInit()
    {
        final long t0 = block[0] & 0xFFFFFFFFL;
        final long t1 = block[1] & 0xFFFFFFFFL;
        final long t2 = block[2] & 0xFFFFFFFFL;
        final long t3 = block[3] & 0xFFFFFFFFL;
        r0 = t0 & 0x3ffffff;
        r1 = ((t0 >>> 26) | (t1 << 6)) & 0x3ffff03;
        r2 = ((t1 >>> 20) | (t2 << 12)) & 0x3ffc0ff;
        r3 = ((t2 >>> 14) | (t3 << 18)) & 0x3f03fff;
        r4 = (t3 >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        h0 = h1 = h2 = h3 = h4 = 0;
        pad0 = block[4] & 0xFFFFFFFFL;
        pad1 = block[5] & 0xFFFFFFFFL;
        pad2 = block[6] & 0xFFFFFFFFL;
        pad3 = block[7] & 0xFFFFFFFFL;
    }

    private void poly1305(final DirectBuffer message, final int offset, final int length)
    {
        int position = 0;
        while (length - position >= 16)
        {
            final long lo = message.getLong(offset + position, ByteOrder.LITTLE_ENDIAN);
            final long hi = message.getLong(offset + position + 8, ByteOrder.LITTLE_ENDIAN);
            polyBlock(lo & 0xFFFFFFFFL, lo >>> 32, hi & 0xFFFFFFFFL, hi >>> 32, 1L << 24);
            position += 16;
        }
        final int rest = length - position;
        if (rest > 0)
        {
            message.getBytes(offset + position, tail, 0, rest);
            tail[rest] = 1;
            for (int i = rest + 1; i < 16; i++)
            {
                tail[i] = 0;
            }
            polyBlock(getIntLE(tail, 0) & 0xFFFFFFFFL, getIntLE(tail, 4) & 0xFFFFFFFFL,
                getIntLE(tail, 8) & 0xFFFFFFFFL, getIntLE(tail, 12) & 0xFFFFFFFFL, 0);
        }
        polyFinish();
    }

    private void polyBlock(final long m0, final long m1, final long m2, final long m3, final long hibit)
    {
        h0 += m0 & MASK26;
        h1 += ((m0 >>> 26) | (m1 << 6)) & MASK26;
        h2 += ((m1 >>> 20) | (m2 << 12)) & MASK26;
        h3 += ((m2 >>> 14) | (m3 << 18)) & MASK26;
        h4 += (m3 >>> 8) | hibit;

        final long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
        long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
        long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
        long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
        long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

        long c = d0 >>> 26;
        h0 = d0 & MASK26;
        d1 += c;
        c = d1 >>> 26;
        h1 = d1 & MASK26;
        d2 += c;
        c = d2 >>> 26;
        h2 = d2 & MASK26;
        d3 += c;
        c = d3 >>> 26;
        h3 = d3 & MASK26;
        d4 += c;
        c = d4 >>> 26;
        h4 = d4 & MASK26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK26;
        h1 += c;
    }

    private void polyFinish()
    {
        long c = h1 >>> 26;
        h1 &= MASK26;
        h2 += c;
        c = h2 >>> 26;
        h2 &= MASK26;
        h3 += c;
        c = h3 >>> 26;
        h3 &= MASK26;
        h4 += c;
        c = h4 >>> 26;
        h4 &= MASK26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK26;
        h1 += c;

        // g = h + 5 - 2^130: if it does not go negative, h >= p and g is the reduced value.
        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= MASK26;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= MASK26;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= MASK26;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= MASK26;
        final long g4 = h4 + c - (1L << 26);

        final long useG = ~(g4 >> 63); // all ones when g4 >= 0, constant time
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG);

        final long w0 = (h0 | (h1 << 26)) & 0xFFFFFFFFL;
        final long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xFFFFFFFFL;
        final long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xFFFFFFFFL;
        final long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xFFFFFFFFL;

        long f = w0 + pad0;
        putIntLE(tag, 0, (int)f);
        f = w1 + pad1 + (f >>> 32);
        putIntLE(tag, 4, (int)f);
        f = w2 + pad2 + (f >>> 32);
        putIntLE(tag, 8, (int)f);
        f = w3 + pad3 + (f >>> 32);
        putIntLE(tag, 12, (int)f);
    }

    static int getIntLE(final byte[] b, final int offset)
    {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16 | b[offset + 3] << 24;
    }

    static void putIntLE(final byte[] b, final int offset, final int value)
    {
        b[offset] = (byte)value;
        b[offset + 1] = (byte)(value >>> 8);
        b[offset + 2] = (byte)(value >>> 16);
        b[offset + 3] = (byte)(value >>> 24);
    }

    /**
     * @return true if the two ranges hold the same bytes, in time independent of where they differ.
     */
    public static boolean constantTimeEquals(final byte[] a, final int aOffset, final byte[] b, final int bOffset,
        final int length)
    {
        int difference = 0;
        for (int i = 0; i < length; i++)
        {
            difference |= a[aOffset + i] ^ b[bOffset + i];
        }
        return difference == 0;
    }
}
