package io.ringmq.bench.sidebyside;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One implementation under test, given only as command templates: a generic template for every role and,
 * optionally, a template per role that overrides it. Nothing else of the implementation is known to the harness,
 * so a new contender (ringmq's {@code bin/ringmq}, a CZMQ build, another JVM flag set) is one line of text.
 *
 * <p>Template syntax: whitespace-separated tokens ({@code '...'} or {@code "..."} keep spaces inside one token);
 * inside any token these placeholders are replaced:
 * <pre>
 *   {role}      local_lat | remote_lat | local_thr | remote_thr
 *   {test}      lat | thr
 *   {side}      bind | connect
 *   {endpoint}  tcp://127.0.0.1:PORT, the same for both sides of a run
 *   {port}      PORT
 *   {size}      message size in bytes
 *   {count}     round trips (lat) or messages (thr); for local_lat, round trips + warm-up round trips
 *   {root}      the repository root
 *   {cdir}      the directory of the compiled C peers (latency-bench/target/c)
 * </pre>
 * and two tokens, when they are the whole token, become several: {@code {java}} the JDK's java,
 * {@code @jvm.options}, a heap and the harness's own class path (for Java contenders that live in latency-bench);
 * {@code {warmup-opt}} becomes {@code --warmup N} for remote_lat when the run has a warm-up, and nothing otherwise
 * (cli.md's option; a contender whose remote_lat cannot warm up leaves it out and is run without --warmup);
 * {@code {curve-opt}} becomes cli.md's CURVE options, {@code --curve-server --curve-secret Z85} on the binding
 * side and {@code --curve-server-key Z85} on the connecting side, with one key pair made once per harness run
 * ({@link RunKeys}); {@code {curve-secret}} and {@code {curve-public}} are that pair's Z85 texts inside any token.
 */
final class Contender
{
    final String name;
    private final List<String> generic;
    private final Map<Role, List<String>> perRole;

    Contender(final String name, final String genericTemplate)
    {
        this(name, genericTemplate == null ? null : tokenize(genericTemplate), new EnumMap<>(Role.class));
    }

    private Contender(final String name, final List<String> generic, final Map<Role, List<String>> perRole)
    {
        this.name = name;
        this.generic = generic;
        this.perRole = perRole;
    }

    /** A copy with the template of one role replaced; the harness's contenders are immutable once the run starts. */
    Contender withRole(final Role role, final String template)
    {
        final Map<Role, List<String>> copy = new EnumMap<>(Role.class);
        copy.putAll(perRole);
        copy.put(role, tokenize(template));
        return new Contender(name, generic, copy);
    }

    Contender withGeneric(final String template)
    {
        return new Contender(name, tokenize(template), perRole);
    }

    boolean supports(final Role role)
    {
        return perRole.containsKey(role) || generic != null;
    }

    /** The template of a role, as text (for --list and the report). */
    String template(final Role role)
    {
        final List<String> tokens = perRole.containsKey(role) ? perRole.get(role) : generic;
        return tokens == null ? "(none)" : String.join(" ", tokens);
    }

    /** The argv of one side of one run, placeholders filled in. */
    List<String> command(final Role role, final Vars vars)
    {
        final List<String> tokens = perRole.containsKey(role) ? perRole.get(role) : generic;
        if (tokens == null)
        {
            throw new IllegalStateException("contender " + name + " has no template for " + role.id);
        }
        final List<String> argv = new ArrayList<>();
        for (final String token : tokens)
        {
            if ("{java}".equals(token))
            {
                argv.addAll(vars.java);
                continue;
            }
            if ("{warmup-opt}".equals(token))
            {
                if (role == Role.REMOTE_LAT && vars.warmup > 0)
                {
                    argv.add("--warmup");
                    argv.add(Long.toString(vars.warmup));
                }
                continue;
            }
            if ("{curve-opt}".equals(token))
            {
                if ("bind".equals(role.side()))
                {
                    argv.add("--curve-server");
                    argv.add("--curve-secret");
                    argv.add(RunKeys.secretZ85());
                }
                else
                {
                    argv.add("--curve-server-key");
                    argv.add(RunKeys.publicZ85());
                }
                continue;
            }
            // The echo side answers every round trip, warm-up ones included (cli.md: roundtrip-count + N).
            final long count = role == Role.LOCAL_LAT ? vars.count + vars.warmup : vars.count;
            argv.add(token
                .replace("{role}", role.id)
                .replace("{test}", role.test.id)
                .replace("{side}", role.side())
                .replace("{endpoint}", vars.endpoint)
                .replace("{port}", Integer.toString(vars.port))
                .replace("{size}", Integer.toString(vars.size))
                .replace("{count}", Long.toString(count))
                .replace("{root}", vars.root)
                .replace("{cdir}", vars.cdir)
                .replace("{curve-secret}", token.contains("{curve-") ? RunKeys.secretZ85() : "")
                .replace("{curve-public}", token.contains("{curve-") ? RunKeys.publicZ85() : ""));
        }
        return argv;
    }

    /** Splits on whitespace; single or double quotes group a token (no escapes: templates are short, keep it so). */
    static List<String> tokenize(final String template)
    {
        final List<String> tokens = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < template.length(); i++)
        {
            final char c = template.charAt(i);
            if (quote != 0)
            {
                if (c == quote)
                {
                    quote = 0;
                }
                else
                {
                    current.append(c);
                }
            }
            else if (c == '\'' || c == '"')
            {
                quote = c;
                inToken = true;
            }
            else if (Character.isWhitespace(c))
            {
                if (inToken)
                {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            }
            else
            {
                current.append(c);
                inToken = true;
            }
        }
        if (quote != 0)
        {
            throw new IllegalArgumentException("unbalanced quote in template: " + template);
        }
        if (inToken)
        {
            tokens.add(current.toString());
        }
        if (tokens.isEmpty())
        {
            throw new IllegalArgumentException("empty command template");
        }
        return Collections.unmodifiableList(tokens);
    }

    /** Per-run values of the placeholders. */
    static final class Vars
    {
        final String endpoint;
        final int port;
        final int size;
        final long count;
        final String root;
        final String cdir;
        final List<String> java;
        final long warmup;

        Vars(
            final String endpoint,
            final int port,
            final int size,
            final long count,
            final String root,
            final String cdir,
            final List<String> java)
        {
            this(endpoint, port, size, count, root, cdir, java, 0);
        }

        Vars(
            final String endpoint,
            final int port,
            final int size,
            final long count,
            final String root,
            final String cdir,
            final List<String> java,
            final long warmup)
        {
            this.warmup = warmup;
            this.endpoint = endpoint;
            this.port = port;
            this.size = size;
            this.count = count;
            this.root = root;
            this.cdir = cdir;
            this.java = java;
        }
    }
}
