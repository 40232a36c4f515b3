import type { Server } from 'node:http';
import { constants, createServer, type Http2Server, type Http2ServerRequest, type ServerOptions } from 'node:http2';
import { createServer as createTlsServer, type TLSSocket, type Server as TlsServer } from 'node:tls';
import { hostOf, misdirection } from './authority.js';
import { endResponse, type NodeRequest } from './mock-node-adapter.js';
import {
  attachHttp1Handlers,
  createContinueListener,
  createNodeServer,
  createRequestListener,
  type NodeServerOptions,
  type ProductHandlers,
  type RequestListener,
} from './node-server.js';

export interface Http2ServerOptions
  extends ProductHandlers,
    Pick<NodeServerOptions, 'headersTimeoutMs' | 'keepAliveTimeoutMs' | 'connectionsCheckingIntervalMs'> {
  /** The host names (and IP literals) this listener serves; a request for any other authority gets 421. */
  hosts: readonly string[];
  /** Longest a request may take to arrive (HTTP/1.1), or stay open without finishing (HTTP/2, which has no such timeout). */
  requestTimeoutMs?: number;
  /** Idle sessions are closed after this long. */
  idleTimeoutMs?: number;
}

/** Bounds every session: streams at once, header list size (as the HTTP/1.1 listener's 16 KiB), memory. */
const SESSION_LIMITS: ServerOptions = {
  settings: { maxConcurrentStreams: 100, maxHeaderListSize: 16 * 1024 },
  maxSessionMemory: 10,
  maxHeaderListPairs: 128,
};

/** The host a connection answers for: its TLS server name, else the first host asked for on it. */
const boundHost = new WeakMap<object, string>();

function connectionOf(req: NodeRequest): object {
  return 'stream' in req ? (req.stream.session ?? req.stream) : req.socket;
}

/**
 * The product behind a 421 gate (RFC 9110 §15.5.20): a request for a host this listener does not serve, or for a
 * served host on a connection bound to another (as a browser that coalesces connections sends it), is answered 421;
 * the same request on a connection of its own succeeds.
 */
function gateByAuthority(hosts: readonly string[], onRequest: RequestListener): RequestListener {
  const served = new Set(hosts.map(hostOf));
  return (req, res) => {
    // A CONNECT's authority names the tunnel's far end, not this server (RFC 9110 §9.3.6).
    if (req.method === 'CONNECT') {
      onRequest(req, res);
      return;
    }
    const host = hostOf('authority' in req ? req.authority : req.headers.host);
    const connection = connectionOf(req);
    let bound = boundHost.get(connection);
    if (bound === undefined) {
      const sni = (req.socket as TLSSocket | undefined)?.servername;
      bound = typeof sni === 'string' && sni ? sni.toLowerCase() : host;
      boundHost.set(connection, bound);
    }
    const reason = misdirection(served, host, bound);
    if (reason === undefined) {
      onRequest(req, res);
      return;
    }
    const body = `421 Misdirected Request\n${reason}\n`;
    res.writeHead(421, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      link: '</codes/421>; rel="describedby"',
    });
    endResponse(res, req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Caps how long one HTTP/2 request may stay open, as `requestTimeout` does for HTTP/1.1: a client that opens a
 * stream and trickles its body gets RST_STREAM(CANCEL) instead of holding the stream forever.
 */
function capRequestTime(timeoutMs: number, onRequest: RequestListener): RequestListener {
  return (req, res) => {
    if (req.httpVersionMajor === 2) {
      const { stream } = req as Http2ServerRequest;
      const timer = setTimeout(() => {
        if (!stream.destroyed) stream.close(constants.NGHTTP2_CANCEL);
      }, timeoutMs);
      timer.unref();
      stream.once('close', () => clearTimeout(timer));
    }
    onRequest(req, res);
  };
}

const guardFor =
  ({ hosts, requestTimeoutMs = 30_000 }: Http2ServerOptions) =>
  (listener: RequestListener) =>
    capRequestTime(requestTimeoutMs, gateByAuthority(hosts, listener));

/** Cleartext HTTP/2 with prior knowledge (h2c), serving the whole product; also the HTTP/2 side of the TLS listener. */
export function createH2cServer(options: Http2ServerOptions): Http2Server {
  const { idleTimeoutMs = 60_000 } = options;
  const guard = guardFor(options);
  const server = createServer(SESSION_LIMITS);
  const plain = createRequestListener(options);
  const { admit = (listener) => listener } = options;
  const onRequest = guard(admit(plain));
  server.on('request', onRequest);
  // Every session's errors end that session only; Node then emits 'sessionError' here, and a stream's errors
  // (RST_STREAM, GOAWAY, a reset socket) are absorbed by the compatibility layer for the request it belongs to.
  server.on('sessionError', () => undefined);
  server.on('session', (session) => {
    session.on('error', () => session.destroy());
  });
  // An idle session is closed (GOAWAY) after idleTimeoutMs; Node destroys it when nobody handles 'timeout'.
  server.setTimeout(idleTimeoutMs);
  // Over HTTP/2, 100-continue and CONNECT come through the compatibility layer's events of the same names.
  attachHttp1Handlers(server, { onRequest, onContinue: guard(admit(createContinueListener(options, plain))), mock: options.mock });
  return server;
}

/**
 * HTTP/2 over TLS, with ALPN offering h2 and http/1.1 on one port. After the handshake each connection goes to a
 * server made for its protocol: h2 to the h2c server's sessions, http/1.1 (or no ALPN) to the same Node server as the
 * plain listener, whose header, request and keep-alive timeouts then hold over TLS too. Both sit behind the 421 gate.
 */
export interface TlsListener {
  /** The TLS server that listens and hands each connection on by ALPN. */
  server: TlsServer;
  /** Where connections go after the handshake; they never listen themselves. */
  http1: Server;
  http2: Http2Server;
}

export function createH2Server(options: Http2ServerOptions & { key: string; cert: string }): TlsListener {
  const http2 = createH2cServer(options);
  const http1 = createNodeServer({ ...options, guard: guardFor(options) });
  const server = createTlsServer(
    { key: options.key, cert: options.cert, ALPNProtocols: ['h2', 'http/1.1'], handshakeTimeout: 10_000 },
    (socket) => (socket.alpnProtocol === 'h2' ? http2 : http1).emit('connection', socket),
  );
  // A TLS handshake that fails (a client that distrusts the certificate, a port scan) only ends that socket.
  server.on('tlsClientError', () => undefined);
  // Node's HTTP/1.1 server starts tracking connections for its timeouts when it starts listening; this one is fed
  // connections instead, so it is told when the TLS server listens, and closed with it.
  server.on('listening', () => http1.emit('listening'));
  server.on('close', () => http1.close());
  return { server, http1, http2 };
}
