package io.ringmq.engine.examples;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pipeline: a ventilator PUSHes tasks to workers (load-balanced), workers PUSH results to a sink (fair-queued).
 * Sends and receives use the status methods and a reused buffer: nothing is allocated per message.
 */
@Timeout(20)
class PushPullExampleTest
{
    @Test
    void ventilatorWorkersSink() throws Exception
    {
        final int tasks = 10_000;
        final int workers = 3;
        try (Context context = Context.create();
             Socket ventilator = context.socket(SocketType.PUSH);
             Socket sink = context.socket(SocketType.PULL))
        {
            ventilator.bind("inproc://tasks");
            sink.bind("inproc://results");

            final List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++)
            {
                final Socket in = context.socket(SocketType.PULL);
                final Socket out = context.socket(SocketType.PUSH);
                in.connect("inproc://tasks");
                out.connect("inproc://results");
                final Thread worker = new Thread(() ->
                {
                    final UnsafeBuffer result = new UnsafeBuffer(new byte[8]);
                    try (in; out)
                    {
                        while (in.recv(0) == 8)
                        {
                            final long task = in.frame().getLong(0);
                            if (task < 0)
                            {
                                break; // poison pill
                            }
                            result.putLong(0, task * 2);
                            out.send(result, 0, 8, 0);
                        }
                    }
                });
                threads.add(worker);
                worker.start();
            }

            final UnsafeBuffer task = new UnsafeBuffer(new byte[8]);
            for (long i = 0; i < tasks; i++)
            {
                task.putLong(0, i);
                assertEquals(Status.OK, ventilator.send(task, 0, 8, 0));
            }
            long sum = 0;
            for (int i = 0; i < tasks; i++)
            {
                assertEquals(8, sink.recv(0));
                sum += sink.frame().getLong(0);
            }
            assertEquals((long)tasks * (tasks - 1), sum);

            task.putLong(0, -1);
            for (int w = 0; w < workers; w++)
            {
                ventilator.send(task, 0, 8, 0);
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
        }
    }
}
