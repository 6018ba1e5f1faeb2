package io.ringmq.engine;

import java.util.Arrays;

/**
 * A list of CPU numbers as profiles and {@code isolcpus} write them: {@code 2,3}, {@code 2-5}, {@code 0,4-6}.
 */
final class CpuList
{
    private CpuList()
    {
    }

    /**
     * @throws IllegalArgumentException naming {@code what} and the text if it is not such a list.
     */
    static int[] parse(final String what, final String text)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            return new int[0];
        }
        int[] cpus = new int[8];
        int count = 0;
        for (final String part : trimmed.split(","))
        {
            final String range = part.trim();
            final int dash = range.indexOf('-');
            final int first = number(what, text, dash < 0 ? range : range.substring(0, dash));
            final int last = dash < 0 ? first : number(what, text, range.substring(dash + 1));
            if (last < first)
            {
                throw new IllegalArgumentException(what + ": range " + range + " runs backwards in '" + text + "'");
            }
            for (int cpu = first; cpu <= last; cpu++)
            {
                if (count == cpus.length)
                {
                    cpus = Arrays.copyOf(cpus, count * 2);
                }
                cpus[count++] = cpu;
            }
        }
        return Arrays.copyOf(cpus, count);
    }

    private static int number(final String what, final String text, final String digits)
    {
        try
        {
            final int cpu = Integer.parseInt(digits.trim());
            if (cpu < 0)
            {
                throw new NumberFormatException();
            }
            return cpu;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a CPU list (e.g. 2,3 or 2-5)");
        }
    }
}
