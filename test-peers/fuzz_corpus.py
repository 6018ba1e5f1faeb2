#!/usr/bin/python3
"""Regenerates the seed corpus of ringmq's Jazzer fuzz targets from real libzmq 4.3 traffic.

Run from the repository root (Debian's /usr/bin/python3 with python3-zmq):

    /usr/bin/python3 test-peers/fuzz_corpus.py

Two libzmq sockets talk through a recording relay on 127.0.0.1: the client connects to the relay, the relay to the
server, and every byte each side sends is kept. What the client sent seeds the bind-side targets (ringmq as the
server hears a client); what the server sent seeds the connect-side ones. NULL, PLAIN and CURVE handshakes, a few
messages, subscriptions and heartbeats. The files land in each module's src/test/resources/<package>/<Class>Inputs/
<method>/, where Jazzer's regression mode (every `mvn verify`) replays them.

Input layouts the targets expect (see each *Fuzz class):
  StreamEngineFuzz, FrameDecoderFuzz, GreetingDecoderFuzz: the bytes, then 8 bytes that seed the split points,
    then 1 selector byte (socket type or limit). The selector is read first, from the end; then the 8-byte seed.
  CommandDecoderFuzz: one command frame's body.  PlainMechanismFuzz, CurveMechanismFuzz: the frames that follow
    the greeting.  Z85Fuzz: Z85 text.  EndpointFuzz: endpoint text.
The CURVE server key pair below is fixed (test-only keys) so the captured HELLO opens with ringmq's server key.
"""
import os
import select
import socket
import struct
import threading
import time

import zmq

SERVER_PUBLIC = b":9o+laFS^NqtKE5RDFFC016B@IW=Ip+DyS[6>?R2"
SERVER_SECRET = b"FuCHXKLe)S0vY$Ym--NUG6deNx*}hx<DJX^=Zt4O"

# (libzmq client type, libzmq server type, ringmq bind-side selector, ringmq connect-side selector): the selector
# picks, in StreamEngineFuzz, the ringmq socket type that stands in for the server (bind side) or client.
PATTERNS = [
    ("DEALER", "ROUTER", 0, 0),
    ("SUB", "XPUB", 1, 1),
    ("PUSH", "PULL", 2, 2),
    ("REQ", "REP", 3, 3),
]
SPLIT_SEED = bytes.fromhex("5eed5eed5eed5eed")


class Relay(threading.Thread):
    """Accepts one connection, dials the server, forwards both ways and records each direction."""

    def __init__(self, server_port):
        super().__init__(daemon=True)
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.server_port = server_port
        self.from_client = bytearray()
        self.from_server = bytearray()
        self.stopping = False

    def run(self):
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.server_port))
        peers = {client: (server, self.from_client), server: (client, self.from_server)}
        while not self.stopping:
            readable, _, _ = select.select(list(peers), [], [], 0.05)
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    self.stopping = True
                    break
                other, record = peers[sock]
                record.extend(data)
                other.sendall(data)
        client.close()
        server.close()
        self.listener.close()


def allow_everyone(ctx, ready):
    """A ZAP handler that says 200 to every request: libzmq's PLAIN server refuses clients when none is bound."""
    handler = ctx.socket(zmq.REP)
    handler.linger = 0
    handler.bind("inproc://zeromq.zap.01")
    ready.set()
    while True:
        try:
            request = handler.recv_multipart()
        except zmq.ContextTerminated:
            break
        # version, request id, status code, status text, user id, metadata
        handler.send_multipart([b"1.0", request[1], b"200", b"OK", b"fuzz", b""])
    handler.close()


def secure(client, server, mechanism):
    if mechanism == "plain":
        server.plain_server = True
        client.plain_username = b"admin"
        client.plain_password = b"secret"
    elif mechanism == "curve":
        server.curve_server = True
        server.curve_secretkey = SERVER_SECRET
        server.curve_publickey = SERVER_PUBLIC
        public, secret = zmq.curve_keypair()
        client.curve_serverkey = SERVER_PUBLIC
        client.curve_publickey = public
        client.curve_secretkey = secret


def converse(ctx, client_type, server_type, mechanism):
    """One conversation through the relay; returns (bytes the client sent, bytes the server sent)."""
    server = ctx.socket(getattr(zmq, server_type))
    client = ctx.socket(getattr(zmq, client_type))
    for sock in (server, client):
        sock.linger = 0
        sock.heartbeat_ivl = 60
        sock.rcvtimeo = 2000
    client.routing_id = b"libzmq-client"
    secure(client, server, mechanism)
    server.bind("tcp://127.0.0.1:*")
    relay = Relay(int(server.last_endpoint.rsplit(b":", 1)[1]))
    relay.start()
    client.connect("tcp://127.0.0.1:%d" % relay.port)
    if client_type == "SUB":
        client.subscribe(b"weather.")
        client.subscribe(b"")
        time.sleep(0.2)
        server.recv_multipart()
        server.send_multipart([b"weather.paris", b"sunny"])
        server.send(b"x" * 300)
        client.recv_multipart()
        client.unsubscribe(b"weather.")
    elif client_type == "PUSH":
        client.send_multipart([b"one", b"", b"two"])
        client.send(b"y" * 300)
        server.recv_multipart()
        server.recv()
    else:
        client.send_multipart([b"hello", b"world"])
        request = server.recv_multipart()
        server.send_multipart(request[:-1] + [b"reply"])
        client.recv_multipart()
    time.sleep(0.1)  # a heartbeat or two
    client.close()
    relay.join(2)
    relay.stopping = True
    server.close()
    return bytes(relay.from_client), bytes(relay.from_server)


def write(module, package, cls, method, name, data):
    directory = os.path.join(module, "src/test/resources", package.replace(".", "/"), cls + "Inputs", method)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as out:
        out.write(data)


def frames(stream):
    """Splits the bytes after a 64-byte greeting into (flags, body) frames; stops at a torn one."""
    position = 64
    while position + 2 <= len(stream):
        flags = stream[position]
        if flags & 0x02:
            if position + 9 > len(stream):
                return
            size = struct.unpack(">Q", stream[position + 1:position + 9])[0]
            position += 9
        else:
            size = stream[position + 1]
            position += 2
        if position + size > len(stream):
            return
        yield flags, stream[position:position + size]
        position += size


def main():
    ctx = zmq.Context()
    ready = threading.Event()
    threading.Thread(target=allow_everyone, args=(ctx, ready), daemon=True).start()
    ready.wait()
    transports = ("transports", "io.ringmq.transports.zmtp", "StreamEngineFuzz")
    for mechanism in ("null", "plain", "curve"):
        suffix = mechanism.capitalize()
        for client_type, server_type, bind_selector, connect_selector in PATTERNS:
            from_client, from_server = converse(ctx, client_type, server_type, mechanism)
            name = "libzmq-%s-%s" % (client_type.lower(), server_type.lower())
            write(*transports, "bind" + suffix, name, from_client + SPLIT_SEED + bytes([bind_selector]))
            write(*transports, "connect" + suffix, name, from_server + SPLIT_SEED + bytes([connect_selector]))
            if mechanism == "null":
                write("codecs", "io.ringmq.codecs", "FrameDecoderFuzz", "anySplitYieldsTheSameFrames", name,
                      from_client[64:] + SPLIT_SEED + b"\x00")
                write("codecs", "io.ringmq.codecs", "GreetingDecoderFuzz", "anySplitYieldsTheSameGreeting", name,
                      from_client[:64] + SPLIT_SEED + b"\x00")
                seen = set()
                for index, (flags, body) in enumerate(frames(from_client)):
                    if flags & 0x04 and body not in seen:
                        seen.add(body)
                        write("codecs", "io.ringmq.codecs", "CommandDecoderFuzz", "readsOnlyWithinTheFrame",
                              "%s-%d" % (name, index), body)
            if mechanism != "null":
                crypto = ("crypto", "io.ringmq.crypto", suffix + "MechanismFuzz")
                write(*crypto, "server", name, from_client[64:])
                write(*crypto, "client", name, from_server[64:])
    # Z85 text as libzmq makes it: key pairs.
    for index in range(3):
        public, secret = zmq.curve_keypair()
        write("codecs", "io.ringmq.codecs", "Z85Fuzz", "decodeRefusesOrRoundTrips", "libzmq-key-%d" % index,
              public if index % 2 == 0 else secret)
    # Endpoints as libzmq reports them (ZMQ_LAST_ENDPOINT) and as users write them.
    endpoints = []
    probe = ctx.socket(zmq.PAIR)
    for endpoint in ("tcp://127.0.0.1:*", "tcp://*:*", "ipc:///tmp/ringmq-fuzz-corpus.sock", "inproc://fuzz"):
        probe.bind(endpoint)
        endpoints.append(probe.last_endpoint)
    probe.close(0)
    endpoints += [b"tcp://[::1]:5555", b"tcp://127.0.0.1:0;localhost:5555", b"tcp://eth0:5555", b"pgm://eth0;239.1.1.1:5555"]
    for index, endpoint in enumerate(endpoints):
        for method in ("bind", "connect"):
            write("transports", "io.ringmq.transports.channels", "EndpointFuzz", method, "endpoint-%d" % index, endpoint)
    ctx.term()
    if os.path.exists("/tmp/ringmq-fuzz-corpus.sock"):
        os.remove("/tmp/ringmq-fuzz-corpus.sock")


if __name__ == "__main__":
    main()
