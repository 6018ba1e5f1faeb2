package io.ringmq.engine.examples;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Signaling between threads: each step hands over to the next over an inproc PAIR. */
@Timeout(10)
class PairExampleTest
{
    @Test
    void threeStepRelay() throws Exception
    {
        try (Context context = Context.create(); Socket main = context.socket(SocketType.PAIR))
        {
            main.bind("inproc://step2");
            final Thread step2 = new Thread(() ->
            {
                try (Socket fromStep1 = context.socket(SocketType.PAIR);
                     Socket toMain = context.socket(SocketType.PAIR))
                {
                    fromStep1.bind("inproc://step1");
                    final Thread step1 = new Thread(() ->
                    {
                        try (Socket toStep2 = context.socket(SocketType.PAIR))
                        {
                            toStep2.connect("inproc://step1");
                            toStep2.send("step 1 ready");
                        }
                    });
                    step1.start();
                    final String ready = fromStep1.recvString();
                    toMain.connect("inproc://step2");
                    toMain.send(ready + ", step 2 ready");
                    step1.join();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            step2.start();
            assertEquals("step 1 ready, step 2 ready", main.recvString());
            step2.join();
        }
    }
}
