package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
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
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The option table against libzmq: every option ringmq knows carries the number libzmq gives its name, as pyzmq
 * (Debian's python3-zmq on libzmq 4.3) exposes it at test time, and the libzmq options ringmq lacks are exactly the
 * documented list below, so that adding or dropping one is a conscious change. A new socket reports each option's
 * table default.
 */
@Timeout(120)
class SocketOptionTableTest
{
    /** ringmq's own options are numbered from here, above anything libzmq assigns. */
    private static final int RINGMQ_BASE = 0x10000;

    /**
     * The options libzmq 4.3 (through pyzmq) names and ringmq does not have, and why. Drafts are the options
     * libzmq 4.3 builds only with --enable-drafts (Debian's libzmq5 has them off).
     */
    private static final Map<String, String> NOT_IN_RINGMQ = new TreeMap<>(Map.ofEntries(
        Map.entry("HWM", "removed in libzmq 3.0 (SNDHWM and RCVHWM)"),
        Map.entry("RCVMORE", "Socket.hasMore() and each frame's flags"),
        Map.entry("FD", "no file descriptor to poll: Poller and the readiness listener instead"),
        Map.entry("EVENTS", "Poller.isReadable/isWritable and the readiness listener instead"),
        Map.entry("BLOCKY", "a context option in libzmq"),
        Map.entry("GSSAPI_SERVER", "no GSSAPI mechanism"),
        Map.entry("GSSAPI_PRINCIPAL", "no GSSAPI mechanism"),
        Map.entry("GSSAPI_SERVICE_PRINCIPAL", "no GSSAPI mechanism"),
        Map.entry("GSSAPI_PLAINTEXT", "no GSSAPI mechanism"),
        Map.entry("GSSAPI_PRINCIPAL_NAMETYPE", "no GSSAPI mechanism"),
        Map.entry("GSSAPI_SERVICE_PRINCIPAL_NAMETYPE", "no GSSAPI mechanism"),
        Map.entry("VMCI_BUFFER_SIZE", "no VMCI transport"),
        Map.entry("VMCI_BUFFER_MIN_SIZE", "no VMCI transport"),
        Map.entry("VMCI_BUFFER_MAX_SIZE", "no VMCI transport"),
        Map.entry("VMCI_CONNECT_TIMEOUT", "no VMCI transport"),
        Map.entry("LOOPBACK_FASTPATH", "draft, and Windows only"),
        Map.entry("METADATA", "draft"),
        Map.entry("MULTICAST_LOOP", "draft"),
        Map.entry("XPUB_MANUAL_LAST_VALUE", "draft"),
        Map.entry("SOCKS_USERNAME", "draft"),
        Map.entry("SOCKS_PASSWORD", "draft"),
        Map.entry("IN_BATCH_SIZE", "draft"),
        Map.entry("OUT_BATCH_SIZE", "draft"),
        Map.entry("WSS_KEY_PEM", "draft, and no ws/wss transport"),
        Map.entry("WSS_CERT_PEM", "draft, and no ws/wss transport"),
        Map.entry("WSS_TRUST_PEM", "draft, and no ws/wss transport"),
        Map.entry("WSS_HOSTNAME", "draft, and no ws/wss transport"),
        Map.entry("WSS_TRUST_SYSTEM", "draft, and no ws/wss transport"),
        Map.entry("ONLY_FIRST_SUBSCRIBE", "draft"),
        Map.entry("RECONNECT_STOP", "draft"),
        Map.entry("HELLO_MSG", "draft"),
        Map.entry("DISCONNECT_MSG", "draft"),
        Map.entry("PRIORITY", "draft")));

    /** Option constants by field name: aliases (IDENTITY, CONNECT_RID) are fields of their own. */
    private static Map<String, SocketOption<?>> table()
    {
        final Map<String, SocketOption<?>> options = new LinkedHashMap<>();
        for (final Field field : SocketOption.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SocketOption.class)
            {
                try
                {
                    options.put(field.getName(), (SocketOption<?>)field.get(null));
                }
                catch (final IllegalAccessException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return options;
    }

    /**
     * @return pyzmq's socket option numbers: every member of zmq.SocketOption, plus the names asked for that pyzmq
     * has as module attributes only (the IDENTITY and CONNECT_RID aliases).
     */
    private static Map<String, Integer> pyzmq(final Set<String> alsoAsk) throws IOException, InterruptedException
    {
        LibzmqPeer.requireLibzmq(); // fails, naming apt-get install -y python3-zmq, when pyzmq is missing
        final String script = "import sys, zmq, json\n" +
            "names = {m.name: int(m) for m in zmq.SocketOption}\n" +
            "for n in sys.argv[1:]:\n" +
            "    if n not in names and hasattr(zmq, n):\n" +
            "        names[n] = int(getattr(zmq, n))\n" +
            "print(json.dumps(names, sort_keys=True))\n";
        final List<String> command = new ArrayList<>(List.of(LibzmqPeer.PYTHON, "-c", script));
        command.addAll(alsoAsk);
        final Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "pyzmq answers");
        assertEquals(0, python.exitValue(), "pyzmq lists its options: " + out);
        final Map<String, Integer> numbers = new TreeMap<>();
        final Matcher pair = Pattern.compile("\"([A-Z0-9_]+)\": (-?\\d+)").matcher(out);
        while (pair.find())
        {
            numbers.put(pair.group(1), Integer.parseInt(pair.group(2)));
        }
        assertTrue(numbers.size() > 50, "pyzmq names libzmq's options: " + out);
        return numbers;
    }

    @Test
    void everyOptionHasLibzmqsNumberAndTheMissingOnesAreTheDocumentedOnes() throws Exception
    {
        final Map<String, SocketOption<?>> table = table();
        final Map<String, Integer> libzmq = pyzmq(table.keySet());

        final List<String> wrong = new ArrayList<>();
        for (final Map.Entry<String, SocketOption<?>> row : table.entrySet())
        {
            final SocketOption<?> option = row.getValue();
            if (option.number() >= RINGMQ_BASE)
            {
                assertTrue(!libzmq.containsKey(row.getKey()), row.getKey() + " is ringmq's own, yet libzmq has it");
                continue;
            }
            final Integer number = libzmq.get(row.getKey());
            if (null == number || number != option.number())
            {
                wrong.add(row.getKey() + "=" + option.number() + " (libzmq: " + number + ")");
            }
        }
        assertEquals(List.of(), wrong, "options whose number is not libzmq's");

        final Set<String> missing = new TreeSet<>(libzmq.keySet());
        missing.removeAll(table.keySet());
        assertEquals(NOT_IN_RINGMQ.keySet(), missing,
            "libzmq options ringmq lacks: implement them, or document why not in NOT_IN_RINGMQ");
    }

    @Test
    void aliasesAreTheSameOption()
    {
        assertTrue(SocketOption.IDENTITY == SocketOption.ROUTING_ID);
        assertTrue(SocketOption.CONNECT_RID == SocketOption.CONNECT_ROUTING_ID);
    }

    @Test
    void aNewSocketReportsEachOptionsDefault()
    {
        try (Context context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build())
        {
            for (final SocketType type : SocketType.values())
            {
                try (Socket socket = context.socket(type))
                {
                    for (final Map.Entry<String, SocketOption<?>> row : table().entrySet())
                    {
                        final SocketOption<?> option = row.getValue();
                        if (!option.appliesTo(type) || !option.isReadable())
                        {
                            continue;
                        }
                        final Object value = socket.getOption(option);
                        final Object expected = option == SocketOption.TYPE ? type : option.defaultValue();
                        if (expected instanceof byte[])
                        {
                            assertArrayEquals((byte[])expected, (byte[])value, type + " " + option);
                        }
                        else
                        {
                            assertEquals(expected, value, type + " " + option);
                        }
                    }
                }
            }
        }
    }

    @Test
    void storedOptionsReadBackAndOutOfRangeValuesAreRefused()
    {
        try (Context context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
            Socket socket = context.socket(SocketType.DEALER))
        {
            socket.setOption(SocketOption.TOS, 0x28);
            assertEquals(0x28, socket.getOption(SocketOption.TOS));
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.TOS, 256));
            socket.setOption(SocketOption.IPV6, true);
            assertEquals(false, socket.getOption(SocketOption.IPV4ONLY), "IPV4ONLY is IPV6 negated");
            socket.setOption(SocketOption.AFFINITY, 0b10L);
            assertEquals(0b10L, socket.getOption(SocketOption.AFFINITY));
            socket.setOption(SocketOption.MULTICAST_MAXTPDU, 9000);
            assertEquals(9000, socket.getOption(SocketOption.MULTICAST_MAXTPDU));
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.RATE, 0));
            socket.setOption(SocketOption.BINDTODEVICE, "eth0");
            assertEquals("eth0", socket.getOption(SocketOption.BINDTODEVICE));
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.BINDTODEVICE, "sixteen-bytes-xx"));
            socket.setOption(SocketOption.USE_FD, 7);
            assertEquals(7, socket.getOption(SocketOption.USE_FD));
            socket.setOption(SocketOption.SOCKS_PROXY, "127.0.0.1:1080");
            assertEquals("127.0.0.1:1080", socket.getOption(SocketOption.SOCKS_PROXY));
            socket.setOption(SocketOption.TCP_ACCEPT_FILTER, "10.0.0.0/8");
            socket.setOption(SocketOption.TCP_ACCEPT_FILTER, "");
            final RingMqException name = assertThrows(RingMqException.class,
                () -> socket.setOption(SocketOption.TCP_ACCEPT_FILTER, "localhost"));
            assertTrue(name.getMessage().contains("EINVAL"), name.getMessage());
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.TCP_ACCEPT_FILTER, "10.0.0.0/33"));
            assertThrows(RingMqException.class, () -> socket.getOption(SocketOption.TCP_ACCEPT_FILTER),
                "write-only, as in libzmq");
            socket.setOption(SocketOption.PLAIN_USERNAME, "admin");
            assertEquals(1, socket.getOption(SocketOption.MECHANISM), "PLAIN");
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.MECHANISM, 2), "read-only");
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.STREAM_NOTIFY, false),
                "STREAM only");
        }
    }

    @Test
    void anOptionStoredButNotAppliedIsLoggedOnce()
    {
        final List<LogRecord> records = new ArrayList<>();
        final Handler handler = new Handler()
        {
            @Override
            public void publish(final LogRecord record)
            {
                synchronized (records)
                {
                    records.add(record);
                }
            }

            @Override
            public void flush()
            {
            }

            @Override
            public void close()
            {
            }
        };
        final Logger logger = Logger.getLogger(SocketOption.class.getName());
        logger.addHandler(handler);
        try (Context context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
            Socket one = context.socket(SocketType.PUSH); Socket two = context.socket(SocketType.PULL))
        {
            // Another test in this JVM (the options fuzzer) may have set it already: then it is logged no more.
            final boolean loggedBefore = SocketOption.TCP_MAXRT.notAppliedLogged();
            one.setOption(SocketOption.TCP_MAXRT, 5000);
            two.setOption(SocketOption.TCP_MAXRT, 6000);
            assertEquals(5000, one.getOption(SocketOption.TCP_MAXRT), "stored");
            final long logged;
            synchronized (records)
            {
                logged =
                    records.stream().filter(r -> String.valueOf(r.getParameters()[0]).equals("ZMQ_TCP_MAXRT")).count();
            }
            assertEquals(loggedBefore ? 0 : 1, logged, "logged once, by the first socket to set it");
            assertTrue(SocketOption.TCP_MAXRT.notAppliedLogged());
        }
        finally
        {
            logger.removeHandler(handler);
        }
    }
}
