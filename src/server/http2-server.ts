import {
  constants,
  createSecureServer,
  createServer,
  type Http2SecureServer,
  type Http2Server,
  type Http2ServerRequest,
  type SecureServerOptions,
  type ServerOptions,
} from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { hostOf, misdirection } from './authority.js';
import { endResponse, type NodeRequest } from './mock-node-adapter.js';
import {
  attachHttp1Handlers,
  createContinueListener,
  createRequestListener,
  type ProductHandlers,
  type RequestListener,
} from './node-server.js';

export interface Http2ServerOptions extends ProductHandlers {
  /** The host names (and IP literals) this listener serves; a request for any other authority gets 421. */
  hosts: readonly string[];
  /** Longest a request may stay open without finishing (HTTP/2 has no per-request timeout of its own). */
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

function configure<T extends Http2Server | Http2SecureServer>(server: T, options: Http2ServerOptions): T {
  const { requestTimeoutMs = 30_000, idleTimeoutMs = 60_000 } = options;
  const guard = (listener: RequestListener) => capRequestTime(requestTimeoutMs, gateByAuthority(options.hosts, listener));
  const onRequest = createRequestListener(options);
  const listener = guard(onRequest);
  server.on('request', listener);
  // Every session's errors end that session only; Node then emits 'sessionError' here, and a stream's errors
  // (RST_STREAM, GOAWAY, a reset socket) are absorbed by the compatibility layer for the request it belongs to.
  server.on('sessionError', () => undefined);
  server.on('session', (session) => {
    session.on('error', () => session.destroy());
  });
  // An idle session is closed (GOAWAY) after idleTimeoutMs; Node destroys it when nobody handles 'timeout'.
  server.setTimeout(idleTimeoutMs);
  attachHttp1Handlers(server, { onRequest: listener, onContinue: guard(createContinueListener(options, onRequest)), mock: options.mock });
  return server;
}

/** Cleartext HTTP/2 with prior knowledge (h2c), serving the whole product. */
export function createH2cServer(options: Http2ServerOptions): Http2Server {
  return configure(createServer(SESSION_LIMITS), options);
}

/** HTTP/2 over TLS, with ALPN offering h2 and http/1.1 on the same port, serving the whole product. */
export function createH2Server(options: Http2ServerOptions & { key: string; cert: string }): Http2SecureServer {
  const tls: SecureServerOptions = { ...SESSION_LIMITS, key: options.key, cert: options.cert, allowHTTP1: true };
  const server = configure(createSecureServer(tls), options);
  // A TLS handshake that fails (a client that distrusts the certificate, a port scan) only ends that socket.
  server.on('tlsClientError', () => undefined);
  return server;
}
