package io.ringmq.rings;

import org.agrona.BitUtil;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's, the reader's and the shared fields of a {@link MessageRing} never share a cache line, as laid out
 * by the JVM running the test (offsets read with Unsafe, so a layout change in a JDK would show here).
 */
class MessageRingLayoutTest
{
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    @Test
    void writerReaderAndSharedStateSitOnSeparateCacheLines()
    {
        final long[] shared = offsets(MessageRingSharedFields.class);
        final long[] writer = offsets(MessageRingWriterFields.class);
        final long[] reader = offsets(MessageRingReaderFields.class);
        assertApart(shared, writer, "shared and writer");
        assertApart(writer, reader, "writer and reader");
        assertApart(shared, reader, "shared and reader");
        // And the object's neighbours in the heap: at least a line of padding before the first and after the last.
        assertTrue(min(shared) >= BitUtil.CACHE_LINE_LENGTH, "padding before the shared fields: " + min(shared));
        final long end = max(offsets(MessageRingRightPad.class));
        assertTrue(end - max(reader) >= BitUtil.CACHE_LINE_LENGTH - Long.BYTES, "padding after the reader's fields");
    }

    private static void assertApart(final long[] a, final long[] b, final String what)
    {
        assertFalse(a.length == 0 || b.length == 0, what + ": no fields found");
        for (final long x : a)
        {
            for (final long y : b)
            {
                assertTrue(Math.abs(x - y) >= BitUtil.CACHE_LINE_LENGTH - Long.BYTES + 1,
                    what + " fields " + (x) + " and " + (y) + " bytes into the object may share a cache line");
            }
        }
    }

    private static long[] offsets(final Class<?> type)
    {
        final List<Long> offsets = new ArrayList<>();
        for (final Field field : type.getDeclaredFields())
        {
            if (!Modifier.isStatic(field.getModifiers()))
            {
                offsets.add(UNSAFE.objectFieldOffset(field));
            }
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    private static sun.misc.Unsafe unsafe()
    {
        try
        {
            final Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe)field.get(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long min(final long[] values)
    {
        long min = Long.MAX_VALUE;
        for (final long v : values)
        {
            min = Math.min(min, v);
        }
        return min;
    }

    private static long max(final long[] values)
    {
        long max = Long.MIN_VALUE;
        for (final long v : values)
        {
            max = Math.max(max, v);
        }
        return max;
    }
}
