package io.ringmq.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The cat tools' message format (cli.md): a message per line, frames separated by one TAB; a frame written
 * {@code 0x} + an even number (at least 2) of lowercase hex digits is those bytes, anything else is its bytes as
 * given. Output prints a frame as text when it is valid UTF-8 without control characters and does not itself
 * read as {@code 0x}+hex, otherwise as {@code 0x}+lowercase hex, so output always reads back as the same bytes.
 */
final class LineCodec
{
    private static final byte TAB = '\t';
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LineCodec()
    {
    }

    /**
     * @param line one input line without its LF; bytes as read (not necessarily UTF-8).
     */
    static List<byte[]> parse(final byte[] line)
    {
        final List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length; i++)
        {
            if (i == line.length || line[i] == TAB)
            {
                final byte[] frame = new byte[i - start];
                System.arraycopy(line, start, frame, 0, frame.length);
                frames.add(isHexForm(frame) ? decodeHex(frame) : frame);
                start = i + 1;
            }
        }
        return frames;
    }

    /**
     * @return the message as one line, without LF.
     */
    static String format(final List<byte[]> frames)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < frames.size(); i++)
        {
            if (i > 0)
            {
                line.append('\t');
            }
            line.append(formatFrame(frames.get(i)));
        }
        return line.toString();
    }

    static String formatFrame(final byte[] frame)
    {
        final String text = asPrintableText(frame);
        return text != null ? text : hex(frame);
    }

    static String hex(final byte[] frame)
    {
        final char[] out = new char[2 + frame.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < frame.length; i++)
        {
            out[2 + i * 2] = HEX[(frame[i] >> 4) & 0xF];
            out[3 + i * 2] = HEX[frame[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * @return the frame as text if it may be printed as text, else null.
     */
    private static String asPrintableText(final byte[] frame)
    {
        if (isHexForm(frame))
        {
            return null;
        }
        final String text;
        try
        {
            // Java's strict decoder refuses overlong forms and encoded surrogates, as cli.md requires.
            final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            text = decoder.decode(ByteBuffer.wrap(frame)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
        for (int i = 0; i < text.length(); )
        {
            final int codePoint = text.codePointAt(i);
            if (Character.getType(codePoint) == Character.CONTROL)
            {
                return null;
            }
            i += Character.charCount(codePoint);
        }
        return text;
    }

    private static boolean isHexForm(final byte[] frame)
    {
        if (frame.length < 4 || frame.length % 2 != 0 || frame[0] != '0' || frame[1] != 'x')
        {
            return false;
        }
        for (int i = 2; i < frame.length; i++)
        {
            final byte b = frame[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeHex(final byte[] frame)
    {
        final byte[] out = new byte[(frame.length - 2) / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)((Character.digit(frame[2 + i * 2], 16) << 4) | Character.digit(frame[3 + i * 2], 16));
        }
        return out;
    }

    /**
     * Splits standard input into lines on LF only (CR is data); a last line without LF is still a message.
     */
    static final class LineReader
    {
        private final java.io.InputStream in;
        private final byte[] buffer = new byte[65536];
        private int position;
        private int limit;
        private boolean eof;

        LineReader(final java.io.InputStream in)
        {
            this.in = in;
        }

        /**
         * @return the next line without its LF, or null at end of input.
         */
        byte[] next() throws java.io.IOException
        {
            final ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true)
            {
                if (position == limit)
                {
                    if (eof)
                    {
                        return line.size() > 0 ? line.toByteArray() : null;
                    }
                    limit = in.read(buffer);
                    position = 0;
                    if (limit < 0)
                    {
                        limit = 0;
                        eof = true;
                        continue;
                    }
                }
                final int start = position;
                while (position < limit && buffer[position] != '\n')
                {
                    position++;
                }
                line.write(buffer, start, position - start);
                if (position < limit)
                {
                    position++; // the LF
                    return line.toByteArray();
                }
            }
        }
    }
}
