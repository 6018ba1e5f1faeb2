package io.ringmq.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * libzmq's {@code test_socket_options_fuzzer}: any option, any value of its type, on any socket type, set and then
 * read back: {@link Socket#setOption} and {@link Socket#getOption} throw only the {@link RingMqException} they
 * document (EINVAL), and the socket stays usable (it closes cleanly).
 */
class SocketOptionsFuzz
{
    private static final List<SocketOption<?>> OPTIONS = new ArrayList<>();
    private static final SocketType[] TYPES = SocketType.values();
    private static Context context;

    static
    {
        for (final Field field : SocketOption.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SocketOption.class)
            {
                try
                {
                    OPTIONS.add((SocketOption<?>)field.get(null));
                }
                catch (final IllegalAccessException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }

    private static synchronized Context context()
    {
        if (null == context)
        {
            context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
        }
        return context;
    }

    @AfterAll
    static synchronized void closeContext()
    {
        if (null != context)
        {
            context.close();
            context = null;
        }
    }

    @FuzzTest
    void setOptionThrowsOnlyWhatItDocuments(final FuzzedDataProvider data)
    {
        final SocketType type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        final Socket socket;
        try
        {
            socket = context().socket(type);
        }
        catch (final RingMqException notBuilt)
        {
            return; // a socket type this build does not have
        }
        try
        {
            final int settings = data.consumeInt(1, 4);
            for (int i = 0; i < settings && data.remainingBytes() > 0; i++)
            {
                set(socket, OPTIONS.get(data.consumeInt(0, OPTIONS.size() - 1)), data);
            }
            for (final SocketOption<?> option : OPTIONS)
            {
                try
                {
                    socket.getOption(option);
                }
                catch (final RingMqException refused)
                {
                    assertNotNull(refused.getMessage());
                }
            }
        }
        finally
        {
            socket.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(final Socket socket, final SocketOption<T> option, final FuzzedDataProvider data)
    {
        final Class<T> type = option.valueType();
        final Object value;
        if (type == Integer.class)
        {
            value = data.consumeInt();
        }
        else if (type == Long.class)
        {
            value = data.consumeLong();
        }
        else if (type == Boolean.class)
        {
            value = data.consumeBoolean();
        }
        else if (type == String.class)
        {
            value = data.consumeString(300);
        }
        else
        {
            value = data.consumeBytes(data.consumeInt(0, 300));
        }
        try
        {
            socket.setOption(option, (T)value);
        }
        catch (final RingMqException refused)
        {
            assertNotNull(refused.getMessage());
        }
    }
}
