package io.ringmq.engine;

import io.ringmq.rings.BlockingIdleStrategy;
import io.ringmq.transports.agent.IoAgent;
import org.agrona.ErrorHandler;
import org.agrona.LangUtil;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

/**
 * Caller-runs mode (a context with no I/O threads): a socket's own {@link IoAgent}, whose duty cycle the socket's
 * thread runs inside its own calls through an Agrona {@link AgentInvoker}, as an Aeron client built with
 * {@code useConductorAgentInvoker} runs its conductor on the application's thread. Made on the socket's first tcp
 * or ipc endpoint; used by the socket's thread only, but for {@link #wake()}.
 */
final class CallerRunsInvoker
{
    /** A failed duty cycle throws out of the socket call that ran it, as the agent's own exceptions always did. */
    private static final ErrorHandler RETHROW = LangUtil::rethrowUnchecked;

    private final IoAgent agent;
    private AgentInvoker invoker;

    CallerRunsInvoker(final String name, final NanoClock clock)
    {
        agent = new IoAgent(name, clock);
        invoker = start(agent);
    }

    private static AgentInvoker start(final IoAgent agent)
    {
        final AgentInvoker invoker = new AgentInvoker(RETHROW, null, agent);
        invoker.start();
        return invoker;
    }

    /** @return the agent the socket's tcp and ipc endpoints are handed to. */
    IoAgent agent()
    {
        return agent;
    }

    /**
     * One duty cycle: the socket's commands, the selector without blocking, every connection.
     *
     * @return the work done; 0 if there was none.
     */
    int doWork()
    {
        final int work = invoker.invoke();
        if (!invoker.isRunning() && !invoker.isClosed())
        {
            // The invoker stops for good when its thread is interrupted with no work to do: to Agrona an interrupt
            // ends an agent's thread. This thread is the application's, and to a socket an interrupt ends one
            // blocked call and leaves the socket intact, so the duty cycle must run again next time.
            invoker = start(agent);
        }
        return work;
    }

    /** Writes what the socket queued, without polling the selector: the send path's one write system call. */
    void flush()
    {
        agent.flush();
    }

    /**
     * Waits once for a blocked socket call: a duty cycle, and if it found nothing to do, a park in the agent's
     * selector with the block strategy (network data and {@link #wake()} end it), or one idle of the others.
     */
    void idle(final IdleStrategy idle, final long maxParkNs)
    {
        if (doWork() == 0)
        {
            if (idle instanceof BlockingIdleStrategy)
            {
                agent.park(maxParkNs);
            }
            else
            {
                idle.idle();
            }
        }
    }

    /** Ends a park in the agent's selector (any thread): a peer or an inproc producer published for the socket. */
    void wake()
    {
        agent.waker().wake();
    }

    /**
     * Closes the agent once its connections wrote what the closed socket had queued, or at the LINGER deadline, or
     * when the context closes: with no I/O thread, nobody else would write it.
     */
    void closeAfterLinger(final long deadlineNs, final NanoClock clock, final Context context)
    {
        do
        {
            doWork();
        }
        while (agent.isFlushing() && clock.nanoTime() - deadlineNs < 0 && !context.isClosed());
        agent.requestStop();
        invoker.close();
    }
}
