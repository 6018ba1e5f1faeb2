package io.ringmq.transports;

import net.openhft.affinity.Affinity;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The context's fixed set of I/O threads. Each runs one agent whose duty cycle polls every {@link IoWork}
 * registered with it, then idles with the context's strategy when none had anything to do: no thread per
 * connection, socket or ring, ever. Threads start on the first registration, so a context using only inproc runs
 * none. Thread {@code i} is pinned to {@code affinity[i]} with OpenHFT affinity when a CPU is given.
 *
 * <p>Waking: with the BLOCK strategy a parked I/O thread is unparked by {@link #wakerFor(int)}, which a connection
 * installs on its pipe end so that a socket publishing to it wakes the thread (only when its flag says it is
 * parked).
 */
public final class IoThreads implements AutoCloseable
{
    private final IoAgent[] agents;
    private final AgentRunner[] runners;
    private final ErrorHandler errorHandler;
    private final AtomicInteger nextAgent = new AtomicInteger();
    private boolean closed;

    /**
     * @param count        threads, at least 1.
     * @param idleStrategy how each idles.
     * @param affinity     CPU for thread {@code i} at index {@code i}; shorter than {@code count} = the rest unpinned.
     * @param name         thread name prefix.
     * @param errorHandler told of exceptions from work (the work is then closed and dropped).
     */
    public IoThreads(
        final int count,
        final IdleStrategyKind idleStrategy,
        final int[] affinity,
        final String name,
        final ErrorHandler errorHandler)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("I/O threads: at least one, got " + count);
        }
        this.agents = new IoAgent[count];
        this.runners = new AgentRunner[count];
        this.errorHandler = errorHandler;
        for (int i = 0; i < count; i++)
        {
            agents[i] = new IoAgent(name + "-io-" + i, i < affinity.length ? affinity[i] : -1, idleStrategy.newStrategy());
        }
    }

    /**
     * Hands work to the next I/O thread, round-robin, starting that thread if it is not running yet.
     *
     * @return the index of the thread that will run it.
     */
    public synchronized int register(final IoWork work)
    {
        if (closed)
        {
            throw new IllegalStateException("I/O threads are closed");
        }
        final int index = Math.floorMod(nextAgent.getAndIncrement(), agents.length);
        final IoAgent agent = agents[index];
        agent.additions.offer(work);
        if (null == runners[index])
        {
            runners[index] = new AgentRunner(agent.idle, errorHandler, null, agent);
            AgentRunner.startOnThread(runners[index]);
        }
        agent.waker.wake();
        return index;
    }

    /** @return what pokes thread {@code index} when something arrives for it. */
    public Waker wakerFor(final int index)
    {
        return agents[index].waker;
    }

    /** @return threads started so far. */
    public synchronized int started()
    {
        int started = 0;
        for (final AgentRunner runner : runners)
        {
            if (null != runner)
            {
                started++;
            }
        }
        return started;
    }

    /** @return the CPU thread {@code index} reported after pinning, or -1 if not pinned (or pinning failed). */
    public int pinnedCpu(final int index)
    {
        return agents[index].pinnedCpu;
    }

    /** Stops every thread after its current duty cycle, closing all work, and waits for them. */
    @Override
    public synchronized void close()
    {
        closed = true;
        for (int i = 0; i < runners.length; i++)
        {
            if (null != runners[i])
            {
                agents[i].waker.wake();
                runners[i].close();
            }
        }
    }

    /** One I/O thread's agent: a duty cycle over its work. */
    private static final class IoAgent implements Agent
    {
        private final String roleName;
        private final int cpu;
        private final IdleStrategy idle;
        private final Waker waker;
        private final ManyToOneConcurrentLinkedQueue<IoWork> additions = new ManyToOneConcurrentLinkedQueue<>();
        private final ArrayList<IoWork> work = new ArrayList<>();
        private volatile int pinnedCpu = -1;

        IoAgent(final String roleName, final int cpu, final IdleStrategy idle)
        {
            this.roleName = roleName;
            this.cpu = cpu;
            this.idle = idle;
            this.waker = IdleStrategyKind.wakerFor(idle);
        }

        @Override
        public void onStart()
        {
            if (cpu >= 0)
            {
                try
                {
                    Affinity.setAffinity(cpu);
                    pinnedCpu = Affinity.getCpu();
                }
                catch (final Throwable ex)
                {
                    // No native affinity support here (JNA missing, container): run unpinned rather than not at all.
                    pinnedCpu = -1;
                }
            }
        }

        @Override
        public int doWork()
        {
            int workCount = 0;
            IoWork added;
            while (null != (added = additions.poll()))
            {
                work.add(added);
                workCount++;
            }
            for (int i = work.size() - 1; i >= 0; i--)
            {
                final IoWork item = work.get(i);
                try
                {
                    workCount += item.doWork();
                    if (item.isDone())
                    {
                        work.remove(i);
                        item.onClose();
                    }
                }
                catch (final Exception ex)
                {
                    work.remove(i);
                    item.onClose();
                    throw new IllegalStateException(roleName + ": I/O work failed and was dropped", ex);
                }
            }
            return workCount;
        }

        @Override
        public void onClose()
        {
            for (final IoWork item : work)
            {
                item.onClose();
            }
            work.clear();
            IoWork added;
            while (null != (added = additions.poll()))
            {
                added.onClose();
            }
        }

        @Override
        public String roleName()
        {
            return roleName;
        }
    }
}
