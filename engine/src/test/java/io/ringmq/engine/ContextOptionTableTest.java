package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The context option table against libzmq's zmq_ctx_set numbers, as pyzmq exposes them at test time, and what the
 * options do: MAX_SOCKETS refuses one socket too many with EMFILE, BLOCKY and IPV6 give new sockets their LINGER
 * and IPV6, THREAD_NAME_PREFIX names the I/O threads, MAX_MSGSZ bounds network frames.
 */
@Timeout(60)
class ContextOptionTableTest
{
    /** libzmq context options ringmq lacks, and why. */
    private static final Map<String, String> NOT_IN_RINGMQ = Map.of(
        "MSG_T_SIZE", "sizeof(zmq_msg_t): there is no zmq_msg_t");

    private static Map<String, ContextOption<?>> table()
    {
        final Map<String, ContextOption<?>> options = new LinkedHashMap<>();
        for (final Field field : ContextOption.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ContextOption.class)
            {
                try
                {
                    options.put(field.getName(), (ContextOption<?>)field.get(null));
                }
                catch (final IllegalAccessException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return options;
    }

    @Test
    void everyOptionHasLibzmqsNumberAndTheMissingOnesAreTheDocumentedOnes() throws Exception
    {
        LibzmqPeer.requireLibzmq(); // fails, naming apt-get install -y python3-zmq, when pyzmq is missing
        final Map<String, ContextOption<?>> table = table();
        // zmq.ContextOption lists the zmq_ctx_set options; THREAD_PRIORITY (3, as SOCKET_LIMIT), IPV6 and BLOCKY
        // (numbered with the socket options) are module attributes.
        final String script = "import sys, zmq, json\n" +
            "names = {m.name: int(m) for m in zmq.ContextOption}\n" +
            "enum = sorted(names)\n" +
            "for n in sys.argv[1:]:\n" +
            "    if n not in names and hasattr(zmq, n):\n" +
            "        names[n] = int(getattr(zmq, n))\n" +
            "print(json.dumps({'numbers': names, 'enum': enum}, sort_keys=True))\n";
        final List<String> command = new ArrayList<>(List.of(LibzmqPeer.PYTHON, "-c", script));
        command.addAll(table.keySet());
        final Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "pyzmq answers");
        assertEquals(0, python.exitValue(), out);
        final Map<String, Integer> libzmq = new TreeMap<>();
        final Matcher pair = Pattern.compile("\"([A-Z0-9_]+)\": (-?\\d+)").matcher(out);
        while (pair.find())
        {
            libzmq.put(pair.group(1), Integer.parseInt(pair.group(2)));
        }
        final Set<String> enumMembers = new TreeSet<>();
        final Matcher member = Pattern.compile("\"([A-Z0-9_]+)\"").matcher(out.substring(out.indexOf("\"enum\"") + 6,
            out.indexOf("]", out.indexOf("\"enum\""))));
        while (member.find())
        {
            enumMembers.add(member.group(1));
        }
        assertTrue(enumMembers.contains("MAX_SOCKETS"), out);

        final List<String> wrong = new ArrayList<>();
        for (final Map.Entry<String, ContextOption<?>> row : table.entrySet())
        {
            final Integer number = libzmq.get(row.getKey());
            if (null == number || number != row.getValue().number())
            {
                wrong.add(row.getKey() + "=" + row.getValue().number() + " (libzmq: " + number + ")");
            }
        }
        assertEquals(List.of(), wrong, "context options whose number is not libzmq's");
        enumMembers.removeAll(table.keySet());
        assertEquals(NOT_IN_RINGMQ.keySet(), enumMembers, "libzmq context options ringmq lacks");
    }

    @Test
    void aNewContextReportsTheDefaults()
    {
        try (Context context = Context.builder().ioThreads(2).build())
        {
            for (final ContextOption<?> option : table().values())
            {
                if (option.isReadable())
                {
                    final Object expected =
                        option == ContextOption.IO_THREADS ? Integer.valueOf(2) : option.defaultValue();
                    assertEquals(expected, context.getOption(option), option.toString());
                }
            }
            assertThrows(RingMqException.class, () -> context.setOption(ContextOption.IO_THREADS, 3), "builder only");
            assertThrows(RingMqException.class, () -> context.setOption(ContextOption.SOCKET_LIMIT, 3), "read-only");
            assertThrows(RingMqException.class, () -> context.setOption(ContextOption.MAX_SOCKETS, 0));
            assertThrows(RingMqException.class, () -> context.getOption(ContextOption.THREAD_AFFINITY_CPU_ADD));
        }
    }

    @Test
    void maxSocketsRefusesOneTooManyUntilOneCloses()
    {
        try (Context context = Context.builder().option(ContextOption.MAX_SOCKETS, 2).build())
        {
            final Socket one = context.socket(SocketType.PUSH);
            final Socket two = context.socket(SocketType.PULL);
            final RingMqException refused = assertThrows(RingMqException.class, () -> context.socket(SocketType.PAIR));
            assertTrue(refused.getMessage().contains("EMFILE"), refused.getMessage());
            one.close();
            context.socket(SocketType.PAIR).close();
            context.setOption(ContextOption.MAX_SOCKETS, 3);
            context.socket(SocketType.PAIR).close();
            two.close();
        }
    }

    @Test
    void blockyAndIpv6AreNewSocketsDefaults()
    {
        try (Context context = Context.create())
        {
            try (Socket before = context.socket(SocketType.DEALER))
            {
                context.setOption(ContextOption.BLOCKY, false);
                context.setOption(ContextOption.IPV6, true);
                assertEquals(-1, before.getOption(SocketOption.LINGER), "sockets made before keep theirs");
                try (Socket after = context.socket(SocketType.DEALER))
                {
                    assertEquals(0, after.getOption(SocketOption.LINGER), "BLOCKY false: LINGER 0");
                    assertEquals(true, after.getOption(SocketOption.IPV6));
                }
            }
        }
    }

    @Test
    void threadNamePrefixNamesTheIoThreads()
    {
        final int cpu = Math.max(0, net.openhft.affinity.Affinity.getAffinity().nextSetBit(0));
        try (Context context = Context.builder().option(ContextOption.THREAD_NAME_PREFIX, "app7")
            .option(ContextOption.THREAD_AFFINITY_CPU_ADD, cpu).build();
            Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:*"); // starts the I/O threads
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("app7/ringmq-io-0")),
                "an I/O thread named with the prefix");
        }
    }

    @Test
    void maxMsgSzBoundsFramesFromTheNetwork() throws InterruptedException
    {
        assertEquals(-1, Options.maxMessageSize(-1, Integer.MAX_VALUE), "defaults: no limit");
        assertEquals(100, Options.maxMessageSize(-1, 100));
        assertEquals(50, Options.maxMessageSize(50, 100), "a smaller MAXMSGSIZE still applies");
        assertEquals(100, Options.maxMessageSize(500, 100));
        try (Context small = Context.builder().option(ContextOption.MAX_MSGSZ, 100).build();
            Context sender = Context.create();
            Socket pull = small.socket(SocketType.PULL); Socket push = sender.socket(SocketType.PUSH))
        {
            final java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
            pull.monitor((event, value, endpoint) -> dropped.countDown(), MonitorEvent.DISCONNECTED);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.send(new byte[200]);
            assertTrue(dropped.await(10, TimeUnit.SECONDS), "the oversized frame costs the connection");
            push.send("fits"); // over the connection the PUSH makes again
            assertEquals("fits", pull.recvString(), "the oversized frame never arrived");
        }
    }
}
