/**
 * Security mechanisms as pure state machines (no I/O, no threads): NULL, PLAIN (RFC 24) and CURVE (RFC 26, as
 * libzmq 4.3 runs it), the ZAP codec (RFC 27) and keys. The stream engine in {@code transports} pumps handshake
 * commands through a {@link io.ringmq.crypto.SecurityMechanism} until it is ready, then, when
 * {@link io.ringmq.crypto.SecurityMechanism#encryptsMessages()}, wraps every frame and command in MESSAGE.
 *
 * <h2>Creating mechanisms (one per connection)</h2>
 * <pre>
 * MechanismConfig own = new MechanismConfig(socketType, routingId);
 * CurveMechanism.client(own, serverPublicKey, publicKey, secretKey);        // CURVE_SERVERKEY set
 * CurveMechanism.server(own, publicKey, secretKey, cookieKeyring, zapOrNull); // CURVE_SERVER = 1
 * PlainMechanism.client(own, username, password);                           // PLAIN_USERNAME/PASSWORD set
 * PlainMechanism.server(own, zapOrNull);                                    // PLAIN_SERVER = 1
 * new NullMechanism(own);
 * </pre>
 * Keys are 32 raw bytes; {@link io.ringmq.crypto.CurveKeys#fromOption} reads the option forms (32 bytes, 40 Z85
 * characters, 41 with a NUL), {@link io.ringmq.crypto.CurveKeys#generateKeyPair} and
 * {@link io.ringmq.crypto.CurveKeys#publicFromSecret} are zmq_curve_keypair and zmq_curve_public. One
 * {@link io.ringmq.crypto.CookieKeyring} per CURVE server socket (its minute keys, injectable clock); close it with
 * the socket.
 *
 * <h2>ZAP</h2>
 * A server mechanism given {@link io.ringmq.crypto.ZapSettings} asks the handler through a
 * {@link io.ringmq.crypto.ZapClient} (send the request frames, poll for the reply, never block). While the reply
 * is pending the mechanism stays HANDSHAKING and {@link io.ringmq.crypto.SecurityMechanism#awaitingZap()} is true;
 * the engine re-polls it on {@code onTimer} and {@code onBytes}. 200 lets the handshake go on (User-Id and
 * metadata in {@code userId()} and {@code zapProperties()}); 300/400/500 send ERROR with the status code and fail.
 * No handler bound (sendRequest false): accepted unless ZAP_ENFORCE_DOMAIN.
 *
 * <h2>Failures</h2>
 * Every refusal is a {@link io.ringmq.crypto.SecurityFailure}; nothing throws on bytes from the wire.
 */
package io.ringmq.crypto;
