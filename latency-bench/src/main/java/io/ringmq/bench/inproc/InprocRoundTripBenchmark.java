package io.ringmq.bench.inproc;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import io.ringmq.engine.WaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;

/**
 * Issue 3: inproc REQ/REP round trip with busy-spin, 8-byte messages, in SampleTime mode (JMH prints p50, p90,
 * p99 … of single round trips). The measured thread owns the REQ socket; a second thread, started in the trial's
 * setup, owns the REP socket and echoes every request, spinning ({@code DONTWAIT} + {@link Thread#onSpinWait()})
 * between them. JeroMQ 0.6.0's inproc REQ/REP runs the same way in the same run, for scale.
 * Busy-spin on two threads: run it pinned ({@code taskset -c 0,1}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class InprocRoundTripBenchmark
{
    static final int SIZE = 8;

    private Context context;
    private Socket req;
    private ZMQ.Context jeroContext;
    private ZMQ.Socket jeroReq;
    private Thread echo;
    private volatile boolean running;
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[SIZE]);
    private final byte[] jeroRequest = new byte[SIZE];

    @Setup(Level.Trial)
    public void setup(final org.openjdk.jmh.infra.BenchmarkParams params) throws InterruptedException
    {
        running = true;
        if (params.getBenchmark().endsWith("ringmq"))
        {
            context = Context.builder().ioThreads(0).idleStrategy(WaitStrategy.BUSY_SPIN).build();
            final Socket rep = context.socket(SocketType.REP);
            rep.bind("inproc://rr");
            req = context.socket(SocketType.REQ);
            req.connect("inproc://rr");
            echo = new Thread(() -> ringmqEcho(rep), "rep-echo");
        }
        else
        {
            jeroContext = ZMQ.context(1);
            final ZMQ.Socket rep = jeroContext.socket(org.zeromq.SocketType.REP);
            rep.bind("inproc://rr");
            jeroReq = jeroContext.socket(org.zeromq.SocketType.REQ);
            jeroReq.connect("inproc://rr");
            echo = new Thread(() -> jeromqEcho(rep), "rep-echo");
        }
        echo.setDaemon(true);
        echo.start();
    }

    private void ringmqEcho(final Socket rep)
    {
        while (running)
        {
            final int length = rep.recv(Socket.DONTWAIT);
            if (length < 0)
            {
                Thread.onSpinWait();
                continue;
            }
            while (Status.WOULD_BLOCK == rep.send(rep.frame(), 0, length, Socket.DONTWAIT) && running)
            {
                Thread.onSpinWait();
            }
        }
        rep.close();
    }

    private void jeromqEcho(final ZMQ.Socket rep)
    {
        while (running)
        {
            final byte[] got = rep.recv(ZMQ.DONTWAIT);
            if (null == got)
            {
                Thread.onSpinWait();
                continue;
            }
            while (!rep.send(got, ZMQ.DONTWAIT) && running)
            {
                Thread.onSpinWait();
            }
        }
        rep.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        running = false;
        echo.join(5_000);
        if (null != req)
        {
            req.close();
            context.close();
        }
        if (null != jeroReq)
        {
            jeroReq.close();
            jeroContext.close();
        }
    }

    @Benchmark
    public long ringmq()
    {
        while (Status.WOULD_BLOCK == req.send(request, 0, SIZE, Socket.DONTWAIT))
        {
            Thread.onSpinWait();
        }
        int length;
        while ((length = req.recv(Socket.DONTWAIT)) < 0)
        {
            Thread.onSpinWait();
        }
        return length;
    }

    @Benchmark
    public byte[] jeromq()
    {
        while (!jeroReq.send(jeroRequest, ZMQ.DONTWAIT))
        {
            Thread.onSpinWait();
        }
        byte[] reply;
        while (null == (reply = jeroReq.recv(ZMQ.DONTWAIT)))
        {
            Thread.onSpinWait();
        }
        return reply;
    }
}
