package io.ringmq.codecs;

/**
 * Z85 (RFC 32): 4 bytes as 5 printable characters, the form CURVE keys take in options and on the command line.
 * Not a hot path: keys are converted once per socket.
 */
public final class Z85
{
    private static final char[] ALPHABET =
        ("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#").toCharArray();
    private static final int[] DECODE = new int[128];

    static
    {
        java.util.Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length; i++)
        {
            DECODE[ALPHABET[i]] = i;
        }
    }

    private Z85()
    {
    }

    /**
     * @param data bytes to encode; the length must be a multiple of 4.
     * @return the Z85 text, 5/4 as long.
     */
    public static String encode(final byte[] data)
    {
        if (data.length % 4 != 0)
        {
            throw new IllegalArgumentException("Z85 input length must be a multiple of 4: " + data.length);
        }
        final char[] out = new char[data.length / 4 * 5];
        int o = 0;
        for (int i = 0; i < data.length; i += 4)
        {
            long value = ((data[i] & 0xFFL) << 24) | ((data[i + 1] & 0xFF) << 16) |
                ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            for (int k = 4; k >= 0; k--)
            {
                out[o + k] = ALPHABET[(int)(value % 85)];
                value /= 85;
            }
            o += 5;
        }
        return new String(out);
    }

    /**
     * @param text Z85 text; the length must be a multiple of 5.
     * @return the decoded bytes.
     * @throws IllegalArgumentException naming the problem: a length not a multiple of 5, a character outside the
     *                                  alphabet, or a group worth more than 0xFFFFFFFF.
     */
    public static byte[] decode(final CharSequence text)
    {
        if (text.length() % 5 != 0)
        {
            throw new IllegalArgumentException("Z85 text length must be a multiple of 5: " + text.length());
        }
        final byte[] out = new byte[text.length() / 5 * 4];
        int o = 0;
        for (int i = 0; i < text.length(); i += 5)
        {
            long value = 0;
            for (int k = 0; k < 5; k++)
            {
                final char c = text.charAt(i + k);
                final int digit = c < DECODE.length ? DECODE[c] : -1;
                if (digit < 0)
                {
                    throw new IllegalArgumentException("not a Z85 character at " + (i + k) + ": '" + c + "'");
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFF_FFFFL)
            {
                throw new IllegalArgumentException(
                    "Z85 group at " + i + " exceeds 32 bits: " + text.subSequence(i, i + 5));
            }
            out[o++] = (byte)(value >>> 24);
            out[o++] = (byte)(value >>> 16);
            out[o++] = (byte)(value >>> 8);
            out[o++] = (byte)value;
        }
        return out;
    }

    /**
     * @return true if {@code text} is valid Z85 of the given decoded length (e.g. a 40-character CURVE key).
     */
    public static boolean isValid(final CharSequence text, final int decodedLength)
    {
        if (text.length() != decodedLength / 4 * 5 || decodedLength % 4 != 0)
        {
            return false;
        }
        try
        {
            decode(text);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }
}
