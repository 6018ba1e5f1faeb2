package io.ringmq.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes the heartbeat of every open counters file of this JVM once a second, from one daemon thread for the
 * whole process (started with the first file): a reader tells a live process from a hung or killed one by it.
 * Kept off the I/O threads so that a context with none (caller-runs, inproc only) beats too.
 */
final class CountersHeartbeat
{
    private static final Set<CountersFile> FILES = ConcurrentHashMap.newKeySet();
    private static volatile ScheduledExecutorService timer;

    private CountersHeartbeat()
    {
    }

    static void add(final CountersFile file)
    {
        FILES.add(file);
        if (null == timer)
        {
            synchronized (CountersHeartbeat.class)
            {
                if (null == timer)
                {
                    final ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task ->
                    {
                        final Thread thread = new Thread(task, "ringmq-counters-heartbeat");
                        thread.setDaemon(true);
                        return thread;
                    });
                    started.scheduleAtFixedRate(CountersHeartbeat::beat, CountersFileDescriptor.HEARTBEAT_INTERVAL_MS,
                        CountersFileDescriptor.HEARTBEAT_INTERVAL_MS, TimeUnit.MILLISECONDS);
                    timer = started;
                }
            }
        }
    }

    static void remove(final CountersFile file)
    {
        FILES.remove(file);
    }

    private static void beat()
    {
        final long nowMs = System.currentTimeMillis();
        for (final CountersFile file : FILES)
        {
            file.heartbeat(nowMs);
        }
    }
}
