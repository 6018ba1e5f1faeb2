package io.ringmq.cli;

import io.ringmq.engine.Proxy;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringmq proxy}: binds both sockets and shuttles messages both ways as {@code zmq_proxy} does, until
 * killed. Security options apply to the frontend.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
    description = "Bind a frontend and a backend socket and shuttle messages both ways (zmq_proxy).")
final class ProxyCommand implements Callable<Integer>
{
    private static final String TYPES = "ROUTER DEALER XSUB XPUB PULL PUSH PAIR PUB SUB REP REQ";

    @Parameters(index = "0", paramLabel = "FRONTEND-TYPE")
    String frontendType;

    @Parameters(index = "1", paramLabel = "FRONTEND-ENDPOINT")
    String frontendEndpoint;

    @Parameters(index = "2", paramLabel = "BACKEND-TYPE")
    String backendType;

    @Parameters(index = "3", paramLabel = "BACKEND-ENDPOINT")
    String backendEndpoint;

    @Option(names = "--capture", paramLabel = "ENDPOINT",
        description = "Also publish every message passing through, either way, on ENDPOINT (a bound PUB: " +
            "zmq_proxy's capture socket); 'ringmq record ENDPOINT' keeps them in a journal.")
    String capture;

    @Mixin
    MulticastCommonOptions common = new MulticastCommonOptions();

    @Mixin
    LatencyOptions latency = new LatencyOptions();

    public Integer call()
    {
        final SocketType front = Session.socketType(frontendType, TYPES);
        final SocketType back = Session.socketType(backendType, TYPES);
        Session.validate(frontendEndpoint);
        Session.validate(backendEndpoint);
        if (capture != null)
        {
            Session.validate(capture);
        }
        latency.intervalMs();
        try (Session session = new Session(common))
        {
            final Socket frontend = session.open(front);
            final Socket backend = session.openWithout(back);
            final Socket captured = capture == null ? null : session.openWithout(SocketType.PUB);
            try (LatencyReport report = LatencyReport.start(latency,
                List.of("frontend " + front, "backend " + back), List.of(frontend, backend)))
            {
                session.attach(frontend, frontendEndpoint, true);
                session.attach(backend, backendEndpoint, true);
                if (captured != null)
                {
                    session.attach(captured, capture, true);
                }
                Proxy.run(frontend, backend, captured, null);
            }
        }
        return 0;
    }
}
