package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real libzmq 4.3 as a test peer, for {@code @ExtendWith}: a test (or its {@code @BeforeEach}) asks for a
 * started {@link LibzmqPeer}, or for {@link LibzmqPeers} to start several or run a {@code test-peers/} script, and
 * every process it got is stopped, and killed if need be, after the test. A class whose tests all talk to libzmq
 * is checked once before them: without {@code python3-zmq} they fail, never skip, saying what to install
 * ({@code apt-get install -y python3-zmq}).
 */
final class LibzmqPeerExtension implements BeforeAllCallback, ParameterResolver
{
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(LibzmqPeerExtension.class);

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        LibzmqPeer.requireLibzmq();
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        final Class<?> type = parameter.getParameter().getType();
        return type == LibzmqPeer.class || type == LibzmqPeers.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        // Kept in the test method's store (also when a @BeforeEach asks), which closes it once the test is done.
        final LibzmqPeers peers = context.getStore(NAMESPACE)
            .getOrComputeIfAbsent(LibzmqPeers.class, key -> new LibzmqPeers(), LibzmqPeers.class);
        return parameter.getParameter().getType() == LibzmqPeers.class ? peers : peers.start();
    }
}
