package io.ringmq.cli;

import io.ringmq.capture.JournalReader;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ringmq replay FILE ENDPOINT}: sends a journal written by {@code ringmq record} again, as a PUB or PUSH,
 * with the spacing it was recorded with (scaled by {@code --speed}) or at a fixed {@code --rate}, so production
 * traffic can be re-run against a new build.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Send a journal written by 'ringmq record' again, with its original spacing or a chosen one.")
final class ReplayCommand implements Callable<Integer>
{
    /** Sleeping closer to a send time than this risks waking late (timer slack); the rest is spun. */
    private static final long SPIN_NS = 100_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "A journal written by 'ringmq record'.")
    String file;

    @Parameters(index = "1", paramLabel = "ENDPOINT")
    String endpoint;

    @Option(names = "--type", paramLabel = "TYPE", description = "PUB (default) or PUSH.")
    String type = "PUB";

    @Option(names = "--bind", description = "Bind instead of connecting.")
    boolean bind;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    @Option(names = "--delay-ms", paramLabel = "N",
        description = "Wait N ms after binding/connecting before the first send (PUB's slow joiner).")
    String delayMs = "0";

    @Option(names = "--linger", paramLabel = "MS", description = "Bound on the final flush (default 5000).")
    String linger = "5000";

    @Mixin
    CommonOptions common = new CommonOptions();

    static final class Pace
    {
        @Option(names = "--speed", paramLabel = "X",
            description = "Replay X times as fast as recorded (default 1; 0.5 = half speed).")
        String speed;

        @Option(names = "--rate", paramLabel = "N", description = "Send N messages a second, ignoring the spacing.")
        String rate;

        ReplaySchedule schedule()
        {
            if (rate != null)
            {
                return ReplaySchedule.fixedRate(Numbers.decimal("--rate", rate));
            }
            return ReplaySchedule.scaled(speed == null ? 1 : Numbers.decimal("--speed", speed));
        }
    }

    public Integer call() throws InterruptedException
    {
        final SocketType socketType = Session.socketType(type, "PUB PUSH");
        final ReplaySchedule schedule = (pace == null ? new Pace() : pace).schedule();
        final int delay = Numbers.nonNegative("--delay-ms", delayMs);
        final int lingerMs = Numbers.nonNegative("--linger", linger);
        try (JournalReader journal = open(); Session session = new Session(common))
        {
            final Socket socket = session.open(socketType);
            session.attach(socket, endpoint, bind);
            if (delay > 0)
            {
                Thread.sleep(delay);
            }
            final List<byte[]> frames = new ArrayList<>();
            byte[] buffer = new byte[64 * 1024];
            long sent = 0;
            long startNs = 0;
            long lastOffsetNs = 0;
            while (journal.next())
            {
                frames.clear();
                for (int i = 0, count = journal.frameCount(); i < count; i++)
                {
                    final int length = journal.frameLength();
                    if (buffer.length < length)
                    {
                        buffer = new byte[Math.max(length, buffer.length * 2)];
                    }
                    journal.readFrame(buffer);
                    frames.add(Arrays.copyOf(buffer, length));
                }
                lastOffsetNs = schedule.offsetNs(sent, journal.arrivalNs());
                if (sent == 0)
                {
                    // The clock starts with the first message, once it can go (a PUSH waits for its peer).
                    send(session, socket, frames);
                    startNs = System.nanoTime();
                }
                else
                {
                    awaitUntil(startNs + lastOffsetNs);
                    send(session, socket, frames);
                }
                sent++;
            }
            final long elapsedNs = System.nanoTime() - startNs;
            awaitDelivery(session, socket, lingerMs);
            System.err.printf("replayed: %d messages in %.3f s (scheduled span %.3f s)%n", sent,
                sent == 0 ? 0.0 : elapsedNs / 1e9, lastOffsetNs / 1e9);
        }
        return 0;
    }

    private JournalReader open()
    {
        try
        {
            return JournalReader.open(Paths.get(file));
        }
        catch (final UncheckedIOException | IllegalArgumentException ex)
        {
            throw new CliException(CliException.RUNTIME, ex.getMessage(), ex);
        }
    }

    private static void send(final Session session, final Socket socket, final List<byte[]> frames)
    {
        if (!session.send(socket, frames))
        {
            throw CliException.runtime("no peer within " + session.timeoutText());
        }
    }

    /** Sleeps most of the way to {@code deadlineNs}, spins the rest: sends leave on time, not a timer slack late. */
    private static void awaitUntil(final long deadlineNs)
    {
        long remaining;
        while ((remaining = deadlineNs - System.nanoTime()) > 0)
        {
            if (remaining > SPIN_NS)
            {
                LockSupport.parkNanos(remaining - SPIN_NS);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitDelivery(final Session session, final Socket socket, final int lingerMs)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + lingerMs * 1_000_000L;
        while (socket.pendingOutbound() > 0 && System.nanoTime() - deadline < 0)
        {
            session.checkRefused();
            Thread.sleep(1);
        }
        final long undelivered = socket.pendingOutbound();
        if (undelivered > 0)
        {
            throw CliException.runtime(undelivered + " messages not delivered within linger");
        }
    }
}
