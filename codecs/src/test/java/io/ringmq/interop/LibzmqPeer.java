package io.ringmq.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real libzmq 4.3 as a test peer: {@code test-peers/libzmq_peer.py} run by Debian's {@code /usr/bin/python3}
 * with {@code python3-zmq}, driven one command line at a time. A machine without it fails the test with what to
 * install; interop tests are never skipped.
 */
public final class LibzmqPeer implements AutoCloseable
{
    public static final String PYTHON = "/usr/bin/python3";
    private static final long REPLY_TIMEOUT_MS = 20_000;
    private static final String EOF = "\u0000eof";
    private static volatile boolean libzmqFound;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private LibzmqPeer(final Process process)
    {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        final Thread reader = new Thread(this::readReplies, "libzmq-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a peer, failing with an actionable message when libzmq's Python binding is missing.
     */
    public static LibzmqPeer start()
    {
        requireLibzmq();
        final Path script = root().resolve("test-peers").resolve("libzmq_peer.py");
        try
        {
            final Process process = new ProcessBuilder(PYTHON, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            return new LibzmqPeer(process);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot start the libzmq peer " + script + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @throws AssertionError saying what to install when /usr/bin/python3 cannot import zmq.
     */
    public static void requireLibzmq()
    {
        if (libzmqFound)
        {
            return; // once found, found for the life of this JVM: spares a Python start per peer
        }
        int exit;
        try
        {
            final Process probe = new ProcessBuilder(PYTHON, "-c", "import zmq")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            exit = probe.waitFor(30, TimeUnit.SECONDS) ? probe.exitValue() : -1;
        }
        catch (final IOException ex)
        {
            exit = -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        if (exit != 0)
        {
            throw new AssertionError("the libzmq test peer is missing: " + PYTHON + " cannot import zmq. " +
                "Install Debian's python3-zmq (apt-get install -y python3-zmq, which brings libzmq5 4.3), " +
                "or run scripts/test.sh as root, which installs it.");
        }
        libzmqFound = true;
    }

    public static Path root()
    {
        final String root = System.getProperty("ringmq.root");
        Path dir = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("test-peers")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new AssertionError("cannot find test-peers/ above " + Paths.get("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Sends one command line and returns the reply, which must start with "ok" or "msg"/"timeout" for recv.
     */
    public String command(final String line)
    {
        try
        {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
            final String reply = replies.poll(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (reply == null || EOF.equals(reply))
            {
                throw new AssertionError("libzmq peer gave no reply to: " + line);
            }
            if (reply.startsWith("error"))
            {
                throw new AssertionError("libzmq peer failed '" + line + "': " + reply);
            }
            return reply;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("libzmq peer is gone: " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    public void socket(final String name, final String type)
    {
        command("socket " + name + " " + type);
    }

    /**
     * @return the endpoint libzmq reports it bound, with the real port.
     */
    public String bind(final String name, final String endpoint)
    {
        return command("bind " + name + " " + endpoint).substring("ok ".length());
    }

    public void connect(final String name, final String endpoint)
    {
        command("connect " + name + " " + endpoint);
    }

    public void send(final String name, final byte[]... frames)
    {
        final StringBuilder line = new StringBuilder("send ").append(name);
        for (final byte[] frame : frames)
        {
            line.append(' ').append(frame.length == 0 ? "-" : HexFormat.of().formatHex(frame));
        }
        command(line.toString());
    }

    /**
     * @return the frames of the next message, or null if none came within the timeout.
     */
    public List<byte[]> recv(final String name, final long timeoutMs)
    {
        final String reply = command("recv " + name + " " + timeoutMs);
        if (reply.equals("timeout"))
        {
            return null;
        }
        final List<byte[]> frames = new ArrayList<>();
        final String[] words = reply.split(" ");
        for (int i = 1; i < words.length; i++)
        {
            frames.add(words[i].equals("-") ? new byte[0] : HexFormat.of().parseHex(words[i]));
        }
        return frames;
    }

    private void readReplies()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                replies.add(line);
            }
        }
        catch (final IOException ignore)
        {
            // the process ended; command() reports it
        }
        replies.add(EOF);
    }

    public void close()
    {
        try
        {
            stdin.write("quit\n");
            stdin.flush();
        }
        catch (final IOException ignore)
        {
            // already gone
        }
        try
        {
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
