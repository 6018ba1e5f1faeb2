package io.ringmq.bench.inproc;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;

/**
 * The CPU cost of inproc PUSH→PULL per 8-byte message with scheduling taken out: ONE thread sends a batch of
 * {@value #BATCH} messages (under the high-water mark, so nothing ever waits) and then receives them, ringmq and
 * JeroMQ 0.6.0 in the same run. Not issue 3's figure (that one has a producer and a consumer thread, see
 * {@link InprocThroughputBenchmark}), but the one that stays readable when the machine's two cores are shared
 * with other builds: its ops/s is the rate one core can push a message through send and recv, the upper bound
 * of what a producer/consumer pair reaches when each has a core of its own (minus cache-line traffic).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class InprocOneThreadBenchmark
{
    static final int SIZE = 8;
    static final int BATCH = 500;

    private Context context;
    private Socket push;
    private Socket pull;
    private ZMQ.Context jeroContext;
    private ZMQ.Socket jeroPush;
    private ZMQ.Socket jeroPull;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[SIZE]);
    private final byte[] jeroMessage = new byte[SIZE];

    @Setup(Level.Trial)
    public void setup()
    {
        context = Context.create();
        pull = context.socket(SocketType.PULL);
        push = context.socket(SocketType.PUSH);
        pull.bind("inproc://one");
        push.connect("inproc://one");
        jeroContext = ZMQ.context(1);
        jeroPull = jeroContext.socket(org.zeromq.SocketType.PULL);
        jeroPush = jeroContext.socket(org.zeromq.SocketType.PUSH);
        jeroPull.bind("inproc://one");
        jeroPush.connect("inproc://one");
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        push.close();
        pull.close();
        context.close();
        jeroPush.setLinger(0);
        jeroPush.close();
        jeroPull.close();
        jeroContext.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long ringmq()
    {
        for (int i = 0; i < BATCH; i++)
        {
            message.putLong(0, i);
            if (Status.OK != push.send(message, 0, SIZE, Socket.DONTWAIT))
            {
                throw new IllegalStateException("send");
            }
        }
        long sum = 0;
        for (int i = 0; i < BATCH; i++)
        {
            if (pull.recv(Socket.DONTWAIT) != SIZE)
            {
                throw new IllegalStateException("recv");
            }
            sum += pull.frame().getLong(0);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long jeromq()
    {
        for (int i = 0; i < BATCH; i++)
        {
            if (!jeroPush.send(jeroMessage, ZMQ.DONTWAIT))
            {
                throw new IllegalStateException("send");
            }
        }
        long sum = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final byte[] got = jeroPull.recv(ZMQ.DONTWAIT);
            if (null == got)
            {
                throw new IllegalStateException("recv");
            }
            sum += got.length;
        }
        return sum;
    }
}
