package io.ringmq.cli;

import io.ringmq.engine.CounterFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ringmq stat}: a ringmq process's counters read from its counters files, without attaching to it (no JMX,
 * no agent), as Aeron's {@code AeronStat} reads the CnC file. With no argument, lists the ringmq processes whose
 * files it finds and removes the stale ones (process gone, heartbeat stopped).
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Print a ringmq process's socket counters, read from outside the process; with no PID, list them.")
final class StatCommand implements Callable<Integer>
{
    /**
     * The tables, each a list of engine's CounterType names: a socket's own counters, its connections' queue depths,
     * the I/O agents' duty cycles. A counter of a type no table lists (a newer file) is left out.
     */
    private static final List<Table> TABLES = List.of(
        new Table("SOCKET", "sockets", false, List.of("messages-sent", "messages-received", "bytes-sent",
            "bytes-received", "dropped-at-hwm", "reconnects", "handshakes-succeeded", "handshakes-failed-auth",
            "handshakes-failed-protocol", "handshakes-failed-other", "limit-refused", "bytes-encrypted",
            "bytes-decrypted")),
        new Table("SOCKET", "connections", true, List.of("queue-depth-out", "queue-depth-in")),
        new Table("AGENT", "agents", false, List.of("duty-cycles", "longest-duty-cycle-ns")));

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "The process to read.")
    String pid;

    @Option(names = "--file", paramLabel = "PATH", description = "Read this counters file instead of a PID's.")
    String file;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Where to look for counters files (default: the contexts' default, <tmp>/ringmq).")
    String dir;

    @Option(names = "--interval", paramLabel = "S",
        description = "With --watch: seconds between refreshes (default 1).")
    String interval = "1";

    @Option(names = "--watch", description = "Refresh until interrupted.")
    boolean watch;

    @Option(names = "--json", description = "One JSON object per refresh instead of a table.")
    boolean json;

    @Option(names = "--debug", description = "Stack traces on errors.")
    boolean debug;

    public Integer call() throws Exception
    {
        final double seconds = Numbers.decimal("--interval", interval);
        if (seconds <= 0)
        {
            throw CliException.usage("--interval must be positive: '" + interval + "'");
        }
        if (null != pid && null != file)
        {
            throw CliException.usage("give a PID or --file, not both");
        }
        final Path directory = null != dir ? Path.of(dir) : CounterFile.defaultDirectory();
        final PrintStream out = System.out;
        do
        {
            if (watch && !json)
            {
                out.print("\033[H\033[2J");
            }
            if (null == pid && null == file)
            {
                list(directory, out);
            }
            else
            {
                print(files(directory), out);
            }
            out.flush();
            if (watch)
            {
                Thread.sleep(Math.max(1, Math.round(seconds * 1000)));
            }
        }
        while (watch);
        return 0;
    }

    private List<CounterFile> files(final Path directory) throws Exception
    {
        if (null != file)
        {
            final Path path = Path.of(file);
            if (!Files.isRegularFile(path))
            {
                throw CliException.runtime("stat: no such file: " + path);
            }
            return List.of(CounterFile.open(path).orElseThrow(
                () -> CliException.runtime("stat: not a ringmq counters file (or not ready): " + path)));
        }
        final long wanted = Numbers.integer("PID", pid);
        final List<CounterFile> found = new ArrayList<>();
        for (final CounterFile candidate : CounterFile.list(directory))
        {
            if (candidate.pid() == wanted)
            {
                found.add(candidate);
            }
        }
        if (found.isEmpty())
        {
            throw CliException.runtime("stat: no counters of process " + wanted + " in " + directory +
                " (not a ringmq process, counters off, or another --dir)");
        }
        return found;
    }

    private void list(final Path directory, final PrintStream out) throws Exception
    {
        final long nowMs = System.currentTimeMillis();
        final List<CounterFile> files = CounterFile.list(directory);
        int removed = 0;
        final List<CounterFile> live = new ArrayList<>();
        for (final CounterFile candidate : files)
        {
            if (candidate.isStale(nowMs))
            {
                if (Files.deleteIfExists(candidate.path()))
                {
                    removed++;
                }
            }
            else
            {
                live.add(candidate);
            }
        }
        if (json)
        {
            final StringBuilder s = new StringBuilder("{\"directory\":").append(quote(directory.toString()))
                .append(",\"removed_stale\":").append(removed).append(",\"processes\":[");
            for (int i = 0; i < live.size(); i++)
            {
                final CounterFile f = live.get(i);
                s.append(i > 0 ? "," : "").append("{\"pid\":").append(f.pid())
                    .append(",\"context\":").append(f.contextId())
                    .append(",\"heartbeat_age_ms\":").append(nowMs - f.heartbeatMs()).append(",\"file\":")
                    .append(quote(f.path().toString())).append('}');
            }
            out.println(s.append("]}"));
            return;
        }
        out.printf("%-8s %-8s %-14s %s%n", "PID", "CONTEXT", "HEARTBEAT AGE", "FILE");
        for (final CounterFile f : live)
        {
            out.printf(Locale.ROOT, "%-8d %-8d %-14s %s%n", f.pid(), f.contextId(), (nowMs - f.heartbeatMs()) + " ms",
                f.path());
        }
        if (removed > 0)
        {
            out.println("(removed " + removed + " stale file" + (removed > 1 ? "s" : "") + " in " + directory + ")");
        }
    }

    private void print(final List<CounterFile> files, final PrintStream out) throws Exception
    {
        final StringBuilder s = new StringBuilder();
        if (json)
        {
            s.append("{\"pid\":").append(files.get(0).pid()).append(",\"contexts\":[");
        }
        for (int f = 0; f < files.size(); f++)
        {
            final CounterFile counterFile = files.get(f);
            final List<Map<String, Row>> rowsByTable = new ArrayList<>();
            for (int t = 0; t < TABLES.size(); t++)
            {
                rowsByTable.add(new LinkedHashMap<>());
            }
            for (final CounterFile.Counter counter : counterFile.counters())
            {
                for (int t = 0; t < TABLES.size(); t++)
                {
                    final Table table = TABLES.get(t);
                    final int column = table.columns.indexOf(counter.type());
                    if (column >= 0)
                    {
                        final String name = socketName(counter.label());
                        final Row row = rowsByTable.get(t).computeIfAbsent(name + "\u0000" + counter.connectionId(),
                            key -> new Row(name, counter.connectionId(), peer(counter.label(), name),
                            table.columns.size()));
                        row.values[column] = counter.value();
                        break;
                    }
                }
            }
            if (json)
            {
                s.append(f > 0 ? "," : "").append("{\"context\":").append(counterFile.contextId());
            }
            for (int t = 0; t < TABLES.size(); t++)
            {
                if (json)
                {
                    appendJson(s, TABLES.get(t), rowsByTable.get(t).values());
                }
                else if (!rowsByTable.get(t).isEmpty())
                {
                    appendTable(s, counterFile.contextId(), TABLES.get(t), rowsByTable.get(t).values());
                }
            }
            if (json)
            {
                s.append('}');
            }
        }
        if (json)
        {
            s.append("]}\n");
        }
        out.print(s);
    }

    private static void appendTable(
        final StringBuilder s, final long contextId, final Table table, final java.util.Collection<Row> rows)
    {
        if (s.length() > 0)
        {
            s.append('\n');
        }
        s.append(String.format(Locale.ROOT, "%-8s %-16s", "CONTEXT", table.first));
        if (table.connections)
        {
            s.append(String.format(Locale.ROOT, " %-10s", "CONNECTION"));
        }
        for (final String column : table.columns)
        {
            s.append(' ').append(pad(column, width(column)));
        }
        if (table.connections)
        {
            s.append(" PEER");
        }
        s.append('\n');
        for (final Row row : rows)
        {
            s.append(String.format(Locale.ROOT, "%-8d %-16s", contextId, row.socket));
            if (table.connections)
            {
                s.append(String.format(Locale.ROOT, " %-10d", row.connection));
            }
            for (int c = 0; c < table.columns.size(); c++)
            {
                s.append(' ').append(pad(Long.toString(row.values[c]), width(table.columns.get(c))));
            }
            if (table.connections)
            {
                s.append(' ').append(row.peer);
            }
            s.append('\n');
        }
    }

    private static void appendJson(final StringBuilder s, final Table table, final java.util.Collection<Row> rows)
    {
        s.append(",\"").append(table.json).append("\":[");
        int r = 0;
        for (final Row row : rows)
        {
            s.append(r++ > 0 ? "," : "").append("{\"").append(table.connections || "sockets".equals(table.json) ?
                "socket" : "agent").append("\":").append(quote(row.socket));
            if (table.connections)
            {
                s.append(",\"connection\":").append(row.connection).append(",\"peer\":").append(quote(row.peer));
            }
            for (int c = 0; c < table.columns.size(); c++)
            {
                s.append(",\"").append(table.columns.get(c)).append("\":").append(row.values[c]);
            }
            s.append('}');
        }
        s.append(']');
    }

    private static int width(final String column)
    {
        return Math.max(10, column.length());
    }

    private static String pad(final String text, final int width)
    {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /** A connection's label: {@code PULL-1 accepted on tcp://127.0.0.1:5555 queue depth out}; the peer part. */
    private static String peer(final String label, final String socket)
    {
        final int end = label.lastIndexOf(" queue depth ");
        return end > socket.length() ? label.substring(socket.length() + 1, end) : "";
    }

    /** One table of the output: which counter types are its columns, and what its rows are. */
    private record Table(String first, String json, boolean connections, List<String> columns)
    {
    }

    private static final class Row
    {
        final String socket;
        final long connection;
        final String peer;
        final long[] values;

        Row(final String socket, final long connection, final String peer, final int columns)
        {
            this.socket = socket;
            this.connection = connection;
            this.peer = peer;
            this.values = new long[columns];
        }
    }

    /** Counter labels start with the socket's name ({@code PULL-1 messages received}). */
    private static String socketName(final String label)
    {
        final int space = label.indexOf(' ');
        return space > 0 ? label.substring(0, space) : label;
    }

    private static String quote(final String text)
    {
        final StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                s.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                s.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
