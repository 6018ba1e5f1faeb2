#!/usr/bin/python3
"""A libzmq peer driven line by line over stdin/stdout, for ringmq's interop tests.

Runs under Debian's /usr/bin/python3 with python3-zmq (libzmq 4.3). One command per line in, one reply line out:

  socket NAME TYPE               -> ok                 (TYPE: PAIR, PUB, SUB, REQ, REP, DEALER, ROUTER, ...)
  opt NAME OPTION VALUE          -> ok                 (VALUE: an int, or 0x<hex> for bytes, else text)
  bind NAME ENDPOINT             -> ok <last endpoint>
  connect NAME ENDPOINT          -> ok
  send NAME FRAME...             -> ok                 (each FRAME is hex, '-' for an empty frame)
  recv NAME TIMEOUT_MS           -> msg FRAME... | timeout
  close NAME                     -> ok
  version                        -> ok <libzmq version>
  keypair                        -> ok <public z85> <secret z85>   (zmq.curve_keypair())
  public SECRET_Z85              -> ok <public z85>                (zmq.curve_public())
  zap CODE [USER_ID]             -> ok   (starts a ZAP handler thread answering every request with CODE)
  zaplog                         -> ok <mechanism>:<credential hex>,...   (requests the ZAP handler saw)
  quit                           -> (exits)
Any failure replies "error <reason>" and the peer keeps serving.
"""
import sys
import threading

import zmq

zap_requests = []


def zap_handler(ctx, code, user_id, ready):
    """Answers every ZAP request with one status code; records what it was asked."""
    sock = ctx.socket(zmq.REP)
    sock.setsockopt(zmq.LINGER, 0)
    sock.bind("inproc://zeromq.zap.01")
    ready.set()
    while True:
        try:
            frames = sock.recv_multipart()
        except zmq.ContextTerminated:
            break
        zap_requests.append(frames[5].decode() + ":" + b"".join(frames[6:]).hex())
        sock.send_multipart([b"1.0", frames[1], code.encode(), b"", user_id.encode(), b""])
    sock.close(0)


def frames_out(parts):
    return " ".join(p.hex() if p else "-" for p in parts)


def frames_in(words):
    return [b"" if w == "-" else bytes.fromhex(w) for w in words]


def option_value(text):
    if text.startswith("0x"):
        return bytes.fromhex(text[2:])
    try:
        return int(text)
    except ValueError:
        return text.encode()


def main():
    ctx = zmq.Context.instance()
    sockets = {}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        cmd, args = words[0], words[1:]
        try:
            if cmd == "quit":
                break
            elif cmd == "version":
                reply = "ok " + zmq.zmq_version()
            elif cmd == "keypair":
                public, secret = zmq.curve_keypair()
                reply = "ok " + public.decode() + " " + secret.decode()
            elif cmd == "public":
                reply = "ok " + zmq.curve_public(args[0].encode()).decode()
            elif cmd == "zap":
                ready = threading.Event()
                thread = threading.Thread(target=zap_handler,
                                          args=(ctx, args[0], args[1] if len(args) > 1 else "", ready), daemon=True)
                thread.start()
                ready.wait(10)
                reply = "ok"
            elif cmd == "zaplog":
                reply = "ok " + ",".join(zap_requests)
            elif cmd == "socket":
                sock = ctx.socket(getattr(zmq, args[1].upper()))
                sock.setsockopt(zmq.LINGER, 0)
                sockets[args[0]] = sock
                reply = "ok"
            elif cmd == "opt":
                sockets[args[0]].setsockopt(getattr(zmq, args[1].upper()), option_value(args[2]))
                reply = "ok"
            elif cmd == "bind":
                sock = sockets[args[0]]
                sock.bind(args[1])
                reply = "ok " + sock.getsockopt(zmq.LAST_ENDPOINT).decode()
            elif cmd == "connect":
                sockets[args[0]].connect(args[1])
                reply = "ok"
            elif cmd == "send":
                sockets[args[0]].send_multipart(frames_in(args[1:]))
                reply = "ok"
            elif cmd == "recv":
                sock = sockets[args[0]]
                if sock.poll(int(args[1]), zmq.POLLIN):
                    reply = "msg " + frames_out(sock.recv_multipart())
                else:
                    reply = "timeout"
            elif cmd == "close":
                sockets.pop(args[0]).close(0)
                reply = "ok"
            else:
                reply = "error unknown command " + cmd
        except Exception as ex:  # the test reads the reason; the peer keeps serving
            reply = "error " + repr(ex).replace("\n", " ")
        sys.stdout.write(reply + "\n")
        sys.stdout.flush()
    for sock in sockets.values():
        sock.close(0)
    ctx.term()


if __name__ == "__main__":
    main()
