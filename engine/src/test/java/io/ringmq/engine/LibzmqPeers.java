package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The libzmq processes of one test, started when the test asks and all stopped after it by
 * {@link LibzmqPeerExtension}, whatever the test's outcome: {@link LibzmqPeer}s driven command by command, and the
 * single-purpose scripts of {@code test-peers/}.
 */
final class LibzmqPeers implements AutoCloseable
{
    private final List<LibzmqPeer> peers = new ArrayList<>();
    private final List<Process> scripts = new ArrayList<>();

    /** @return a started peer; closing it early (to restart one) is allowed, it is closed again harmlessly. */
    LibzmqPeer start()
    {
        final LibzmqPeer peer = LibzmqPeer.start();
        peers.add(peer);
        return peer;
    }

    /** Runs {@code test-peers/<name>} with {@code args} by libzmq's Python; its standard error goes to ours. */
    Process script(final String name, final String... args) throws IOException
    {
        final Path script = LibzmqPeer.root().resolve("test-peers").resolve(name);
        final List<String> command = new ArrayList<>(List.of(LibzmqPeer.PYTHON, script.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        scripts.add(process);
        return process;
    }

    /** Peers are asked to quit and killed if they do not within seconds; scripts are killed. */
    @Override
    public void close() throws InterruptedException
    {
        for (final LibzmqPeer peer : peers)
        {
            peer.close();
        }
        for (final Process process : scripts)
        {
            if (process.isAlive())
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
