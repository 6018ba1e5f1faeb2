package io.ringmq.bench.sidebyside;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contenders this repository knows, by name, and the parsing of {@code --contender} definitions that add or
 * override them. The ringmq ones are defined already (cli.md fixes their command line) and become runnable the day
 * {@code bin/ringmq} exists.
 */
final class Contenders
{
    static final String RAW = "raw";
    static final String LIBZMQ = "libzmq";

    private Contenders()
    {
    }

    static Map<String, Contender> builtIn()
    {
        final Map<String, Contender> all = new LinkedHashMap<>();
        // The physical floor: plain TCP ping-pong / streaming in C, one binary per test, bind|connect as argument.
        put(all, new Contender(RAW, "{cdir}/raw_tcp_{test} {side} {endpoint} {size} {count} {warmup-opt}"));
        // libzmq 4.3 (Debian's) through this repo's C programs of libzmq's perf protocol.
        put(all, new Contender(LIBZMQ, "{cdir}/zmq_{role} {endpoint} {size} {count} {warmup-opt}"));
        // JeroMQ 0.6.0, pure Java, from the harness's own class path.
        put(all, new Contender("jeromq",
            "{java} io.ringmq.bench.sidebyside.JeroMqPerf {role} {endpoint} {size} {count} {warmup-opt}"));
        // ringmq through its launcher (issue 6): an I/O thread that blocks when idle, as issue 4 asks for one core
        // per side, and caller-runs (no I/O thread at all).
        put(all, new Contender("ringmq",
            "{root}/bin/ringmq {role} {endpoint} {size} {count} {warmup-opt} --io-threads 1 --wait-strategy block"));
        put(all, new Contender("ringmq-caller-runs",
            "{root}/bin/ringmq {role} {endpoint} {size} {count} {warmup-opt} --io-threads 0"));
        // CURVE (issue 5): the same programs with cli.md's CURVE options, one server key pair per harness run.
        put(all, new Contender("libzmq-curve", "{cdir}/zmq_{role} {endpoint} {size} {count} {warmup-opt} {curve-opt}"));
        put(all, new Contender("ringmq-curve",
            "{root}/bin/ringmq {role} {endpoint} {size} {count} {warmup-opt} --io-threads 1 --wait-strategy block " +
            "{curve-opt}"));
        put(all, new Contender("ringmq-caller-runs-curve",
            "{root}/bin/ringmq {role} {endpoint} {size} {count} {warmup-opt} --io-threads 0 {curve-opt}"));
        return all;
    }

    /** Whether a built-in contender can run here (ringmq's launcher may not exist yet). */
    static boolean available(final String name, final Path root)
    {
        return !name.startsWith("ringmq") || Files.isExecutable(root.resolve("bin/ringmq"));
    }

    /**
     * Applies one definition: {@code NAME=TEMPLATE} sets the template of every role, {@code NAME.ROLE=TEMPLATE}
     * (ROLE one of local_lat, remote_lat, local_thr, remote_thr) only that role's. Returns the contender's name.
     */
    static String define(final Map<String, Contender> all, final String definition)
    {
        final int eq = definition.indexOf('=');
        if (eq <= 0)
        {
            throw new IllegalArgumentException("contender definition '" + definition + "' is not NAME=TEMPLATE");
        }
        final String key = definition.substring(0, eq).trim();
        final String template = definition.substring(eq + 1);
        final int dot = key.lastIndexOf('.');
        final boolean perRole = dot > 0 && isRole(key.substring(dot + 1));
        final String name = perRole ? key.substring(0, dot) : key;
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*"))
        {
            throw new IllegalArgumentException("bad contender name '" + name + "'");
        }
        final Contender existing = all.get(name);
        final Contender updated;
        if (perRole)
        {
            final Role role = Role.byId(key.substring(dot + 1));
            updated = (existing != null ? existing : new Contender(name, null)).withRole(role, template);
        }
        else
        {
            updated = existing != null ? existing.withGeneric(template) : new Contender(name, template);
        }
        all.put(name, updated);
        return name;
    }

    private static boolean isRole(final String id)
    {
        for (final Role role : Role.values())
        {
            if (role.id.equals(id))
            {
                return true;
            }
        }
        return false;
    }

    private static void put(final Map<String, Contender> all, final Contender contender)
    {
        all.put(contender.name, contender);
    }
}
