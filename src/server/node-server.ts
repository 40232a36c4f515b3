import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { MockNodeAdapter, NodeRequest, NodeResponse } from './mock-node-adapter.js';
import { applyResponseFields } from './response-fields.js';
import type { StaticNodeAdapter } from './static-node-adapter.js';

export interface ProductHandlers {
  app: Hono;
  /** The mock's HTTP/1.1 adapter. */
  mock: MockNodeAdapter;
  /** The mock's HTTP/2 adapter, for listeners that speak HTTP/2. */
  mockHttp2?: MockNodeAdapter;
  /** Built pages, assets and API documents without the app's adapter, over HTTP/1.1 and HTTP/2. */
  files?: StaticNodeAdapter;
  /**
   * What every request passes before any of the above, on every listener: metrics and, for public hosting, the
   * per-address rate limit. Applied once per request (not again when a 100-continue request goes on).
   */
  admit?: (listener: RequestListener) => RequestListener;
}

export interface NodeServerOptions extends ProductHandlers {
  /** Longest a client may take to send its headers; slow-loris protection. */
  headersTimeoutMs?: number;
  /** Longest a whole request may take to arrive; must exceed the mock's longest sleep, which runs after it. */
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** How often Node checks the two timeouts above (its default, 30 s, lets a slow client linger that long). */
  connectionsCheckingIntervalMs?: number;
  /** Wraps every listener (requests, 100-continue): the HTTP/2 listeners put their 421 gate here. */
  guard?: (listener: RequestListener) => RequestListener;
}

export type RequestListener = (req: NodeRequest, res: NodeResponse) => void;

/**
 * `/status/…` goes to the mock's adapter for the request's HTTP version, everything else to the Hono app; CONNECT
 * (which arrives here only over HTTP/2, RFC 9113 §8.5) to the mock, which explains that it opens no tunnels.
 */
export function createRequestListener({ app, mock, mockHttp2 = mock, files }: ProductHandlers): RequestListener {
  const appListener = getRequestListener(app.fetch);
  return (req, res) => {
    const http2 = req.httpVersionMajor === 2;
    const adapter = http2 ? mockHttp2 : mock;
    if (adapter.handle(req, res)) return;
    if (files?.handle(req, res)) return;
    if (req.method === 'CONNECT') adapter.connect(req, res);
    else {
      applyResponseFields(res);
      void appListener(req, res);
    }
  };
}

/**
 * Requests with `Expect: 100-continue` (RFC 9110 §10.1.1): the mock decides between 100 and its final status; the
 * app always wants the body.
 */
export function createContinueListener({ mock, mockHttp2 = mock }: ProductHandlers, onRequest: RequestListener): RequestListener {
  return (req, res) => {
    if ((req.httpVersionMajor === 2 ? mockHttp2 : mock).continueOrAnswer(req, res)) return;
    res.writeContinue();
    onRequest(req, res);
  };
}

/** Where a client fault ends: the socket is dropped, and nothing reaches the process as an unhandled error. */
const dropOnError = (socket: Duplex) => {
  if (socket.listenerCount('error') === 0) socket.on('error', () => socket.destroy());
};

/**
 * What an HTTP/1.1 connection needs beyond plain requests, on any server that parses HTTP/1.1 (the plain listener,
 * and the TLS listener's fallback when ALPN picks http/1.1): 100-continue, upgrades, CONNECT.
 */
export function attachHttp1Handlers(
  server: { on(event: string, listener: (...args: never[]) => void): unknown },
  { onRequest, onContinue, mock }: { onRequest: RequestListener; onContinue: RequestListener; mock: MockNodeAdapter },
): void {
  server.on('checkContinue', onContinue);

  // A CONNECT's socket is handed over like an upgrade's; the mock answers it and the connection closes. Over
  // HTTP/2, Node's compatibility layer emits the same event with a response instead of a socket.
  server.on('connect', (req: NodeRequest, socketOrResponse: Duplex | Http2ServerResponse) => {
    if (req.httpVersionMajor === 2) {
      onRequest(req, socketOrResponse as Http2ServerResponse);
      return;
    }
    const socket = socketOrResponse as Socket;
    dropOnError(socket);
    answerOnSocket(req as IncomingMessage, socket, (request, res) => mock.connect(request, res));
  });

  // An Upgrade offer that the mock does not take is answered as an ordinary request on the same socket, which is
  // ours from here on: its errors (a reset after the 101, during a sleep) are handled here.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    dropOnError(socket);
    if (head.length > 0) socket.unshift(head);
    mock.upgrade(req, socket, (request, connection, response) =>
      answerOnSocket(request, connection as Socket, response ? (_request, res) => mock.write(res, response) : onRequest),
    );
  });
}

/** Answers a request whose socket Node handed over (upgrade, CONNECT) as an ordinary response, then closes. */
function answerOnSocket(request: IncomingMessage, connection: Socket, onRequest: RequestListener): void {
  const res = new ServerResponse(request);
  res.shouldKeepAlive = false;
  res.assignSocket(connection);
  res.on('finish', () => {
    res.detachSocket(connection);
    connection.end();
  });
  onRequest(request, res);
}

/**
 * One Node server for the whole product over HTTP/1.1: `/status/…` goes to the mock's Node adapter (fast path,
 * real 1xx, real upgrades), everything else to the Hono app through its fetch adapter.
 */
export function createNodeServer({
  app,
  mock,
  headersTimeoutMs = 10_000,
  requestTimeoutMs = 30_000,
  keepAliveTimeoutMs = 5_000,
  connectionsCheckingIntervalMs = 1_000,
  guard = (listener) => listener,
  files,
  admit = (listener) => listener,
}: NodeServerOptions): Server {
  const plain = createRequestListener({ app, mock, ...(files ? { files } : {}) });
  const onRequest = guard(admit(plain));
  const onContinue = guard(admit(createContinueListener({ app, mock }, plain)));
  const server = createServer(
    {
      maxHeaderSize: 16 * 1024,
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: connectionsCheckingIntervalMs,
    },
    onRequest,
  );
  server.maxHeadersCount = 100;
  // Malformed requests, oversized headers (431) and slow clients (408) get Node's own answers and a closed socket.
  attachHttp1Handlers(server, { onRequest, onContinue, mock });
  return server;
}

/**
 * Graceful shutdown: stop accepting connections, close idle keep-alive ones, let requests in flight finish,
 * then resolve; connections still busy after `graceMs` are cut.
 */
export function shutDownGracefully(server: Server, graceMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
