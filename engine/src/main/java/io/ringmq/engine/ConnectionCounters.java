package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * One connection's counters in its context's file: how many messages wait in each direction of its pipe, sampled
 * once a second by the counters' heartbeat thread (never on the message path), and freed by that thread once
 * the socket let go of the connection. Reference id = the connection's id, unique within the file. A gauge, not an
 * exact count: a reader hands its progress back once per batch (at most 64 messages) or when it finds the pipe
 * empty, so a draining queue may read that much deeper than it is. A socket takes a connection at its first call
 * after the connection arrived; a socket nobody calls shows no counters for its new connections.
 */
final class ConnectionCounters
{
    private final CountersFile file;
    private final Pipe.End end;
    private final AtomicCounter depthOut;
    private final AtomicCounter depthIn;

    private ConnectionCounters(
        final CountersFile file, final Pipe.End end, final AtomicCounter depthOut, final AtomicCounter depthIn)
    {
        this.file = file;
        this.end = end;
        this.depthOut = depthOut;
        this.depthIn = depthIn;
    }

    /**
     * Counts the socket's side {@code end} of a connection named {@code label} (e.g. {@code "PULL-3 accepted on
     * tcp://127.0.0.1:5555"}); when the file is full the connection runs without counters.
     */
    static void register(final CountersFile file, final long socketId, final String label, final Pipe.End end)
    {
        final long connectionId = file.nextConnectionId();
        final AtomicCounter depthOut =
            file.newCounter(CounterType.QUEUE_DEPTH_OUT, socketId, connectionId, label + " queue depth out");
        final AtomicCounter depthIn =
            file.newCounter(CounterType.QUEUE_DEPTH_IN, socketId, connectionId, label + " queue depth in");
        if (null == depthOut || null == depthIn)
        {
            file.free(depthOut);
            file.free(depthIn);
            return;
        }
        file.sampled(new ConnectionCounters(file, end, depthOut, depthIn));
    }

    /**
     * Heartbeat thread: writes the current depths, or frees the counters of a connection the socket closed.
     *
     * @return false once freed.
     */
    boolean sample()
    {
        if (end.isClosed())
        {
            file.free(depthOut);
            file.free(depthIn);
            return false;
        }
        depthOut.setRelease(end.outboundDepthSample());
        depthIn.setRelease(end.inboundDepthSample());
        return true;
    }
}
