package io.ringmq.transports.agent;

import io.ringmq.rings.BlockingIdleStrategy;
import io.ringmq.rings.IdleStrategyKind;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

/**
 * A context's fixed set of I/O threads, each running one {@link IoAgent}: the only threads ringmq starts, however
 * many sockets, connections and pipes there are. Connections are spread over the agents round-robin.
 */
public final class IoThreads implements AutoCloseable
{
    private final IoAgent[] agents;
    private final AgentRunner[] runners;
    private int next;

    /**
     * @param count    I/O threads, at least 1 (caller-runs mode uses an {@link IoAgent} per socket instead).
     * @param kind     how idle I/O threads wait; BLOCK parks in the selector.
     * @param affinity CPUs to pin the threads to, in order; empty for none.
     */
    public IoThreads(
        final int count, final IdleStrategyKind kind, final int[] affinity, final NanoClock clock,
        final ErrorHandler errorHandler)
    {
        this(count, kind, affinity, new java.util.BitSet(), "", clock, errorHandler);
    }

    /**
     * @param count      I/O threads, at least 1 (caller-runs mode uses an {@link IoAgent} per socket instead).
     * @param kind       how idle I/O threads wait; BLOCK parks in the selector.
     * @param affinity   CPUs to pin the threads to, one each in order; empty for none.
     * @param cpus       CPUs every thread not pinned by {@code affinity} may run on (libzmq's
     *                   THREAD_AFFINITY_CPU_ADD); empty for the operating system's choice.
     * @param namePrefix prefix of the threads' names, as libzmq's THREAD_NAME_PREFIX; empty for none.
     */
    public IoThreads(
        final int count, final IdleStrategyKind kind, final int[] affinity, final java.util.BitSet cpus,
        final String namePrefix, final NanoClock clock, final ErrorHandler errorHandler)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("I/O threads must be >= 1: " + count);
        }
        agents = new IoAgent[count];
        runners = new AgentRunner[count];
        for (int i = 0; i < count; i++)
        {
            agents[i] = new IoAgent((namePrefix.isEmpty() ? "" : namePrefix + "/") + "ringmq-io-" + i, clock);
            if (i < affinity.length)
            {
                agents[i].affinity(affinity[i]);
            }
            else if (!cpus.isEmpty())
            {
                agents[i].affinity((java.util.BitSet)cpus.clone());
            }
            runners[i] = new AgentRunner(idleStrategy(kind, agents[i]), errorHandler, null, agents[i]);
            AgentRunner.startOnThread(runners[i]);
        }
    }

    /**
     * @return the agent a new bind or connect goes to.
     */
    public synchronized IoAgent choose()
    {
        final IoAgent agent = agents[next];
        next = (next + 1) % agents.length;
        return agent;
    }

    /**
     * @param affinity libzmq's AFFINITY: bit n allows the n-th agent; 0, or no bit naming an agent, allows any.
     * @return the next allowed agent in turn.
     */
    public synchronized IoAgent choose(final long affinity)
    {
        for (int i = 0; i < agents.length; i++)
        {
            final int candidate = (next + i) % agents.length;
            if (candidate < Long.SIZE && (affinity & (1L << candidate)) != 0)
            {
                next = (candidate + 1) % agents.length;
                return agents[candidate];
            }
        }
        return choose();
    }

    /** @return agent {@code index} (0 to {@link #count()} - 1), e.g. to give it counters. */
    public IoAgent agent(final int index)
    {
        return agents[index];
    }

    public int count()
    {
        return agents.length;
    }

    /**
     * Stops every I/O thread, closing its connections, and waits for them to end.
     */
    @Override
    public void close()
    {
        close(0);
    }

    /**
     * Waits up to {@code lingerMs} (negative: without limit) for connections of closed sockets to write what was
     * queued, as libzmq's context termination waits for LINGER, then stops every I/O thread.
     */
    public void close(final long lingerMs)
    {
        final long deadline = lingerMs < 0 ? Long.MAX_VALUE : System.nanoTime() + lingerMs * 1_000_000L;
        for (final IoAgent agent : agents)
        {
            while (agent.isFlushing() && System.nanoTime() - deadline < 0)
            {
                agent.waker().wake();
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
        for (final IoAgent agent : agents)
        {
            agent.requestStop();
        }
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
    }

    /**
     * @return the idle strategy an I/O agent runs with; BLOCK parks in the agent's selector.
     */
    public static IdleStrategy idleStrategy(final IdleStrategyKind kind, final IoAgent agent)
    {
        return kind == IdleStrategyKind.BLOCK ? new SelectorIdleStrategy(agent) : kind.newStrategy();
    }

    /**
     * Parks an idle I/O agent in its selector, so network readiness, a socket's wake-up or the next deadline
     * resumes it.
     */
    static final class SelectorIdleStrategy implements IdleStrategy
    {
        private final IoAgent agent;

        SelectorIdleStrategy(final IoAgent agent)
        {
            this.agent = agent;
        }

        private int idles;

        public void idle(final int workCount)
        {
            if (workCount > 0)
            {
                idles = 0;
            }
            else
            {
                idle();
            }
        }

        public void idle()
        {
            // A few yielding duty cycles before parking in the selector: under load the next message or readiness
            // is microseconds away, and a park costs a wake-up system call on the producer's side.
            if (idles < BlockingIdleStrategy.SPINS)
            {
                idles++;
                Thread.yield();
                return;
            }
            agent.park();
        }

        public void reset()
        {
            idles = 0;
        }

        public String alias()
        {
            return "block";
        }
    }
}
