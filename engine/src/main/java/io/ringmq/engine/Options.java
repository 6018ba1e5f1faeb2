package io.ringmq.engine;

/** A socket's option values, read on its own thread; defaults are libzmq's. */
final class Options
{
    int sndHwm = 1000;
    int rcvHwm = 1000;
    int sndTimeoutMs = -1;
    int rcvTimeoutMs = -1;
    int lingerMs = -1;
    byte[] routingId = new byte[0];
    boolean routerMandatory;
    boolean reqRelaxed;
    boolean reqCorrelate;
    boolean xpubVerbose;
    /** PUB/XPUB: distinct subscriptions kept (ringmq extension); 0 = no limit. */
    int maxSubscriptions;
    /** PUB/XPUB: longest subscription topic in bytes (ringmq extension); 0 = no limit. */
    int maxTopicLength;
    boolean xpubManual;
    boolean conflate;
    boolean xpubNoDrop;
    byte[] xpubWelcome;
    boolean invertMatching;
    boolean routerHandover;
    boolean probeRouter;
    byte[] connectRoutingId;
    boolean immediate;
    boolean xpubVerboseUnsubscribe;
    int routerNotify;
}
