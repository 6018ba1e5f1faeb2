package io.ringmq.cli;

/**
 * Number arguments, refused with a usage error that quotes the offending text.
 */
final class Numbers
{
    private Numbers()
    {
    }

    static int integer(final String what, final String text)
    {
        try
        {
            return Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw CliException.usage(what + " is not a number: '" + text + "'");
        }
    }

    static int positive(final String what, final String text)
    {
        final int value = integer(what, text);
        if (value <= 0)
        {
            throw CliException.usage(what + " must be positive: '" + text + "'");
        }
        return value;
    }

    static int nonNegative(final String what, final String text)
    {
        final int value = integer(what, text);
        if (value < 0)
        {
            throw CliException.usage(what + " must not be negative: '" + text + "'");
        }
        return value;
    }

    static double decimal(final String what, final String text)
    {
        try
        {
            final double value = Double.parseDouble(text.trim());
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw CliException.usage(what + " is not a number: '" + text + "'");
        }
    }
}
