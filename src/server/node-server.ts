import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { MockNodeAdapter } from './mock-node-adapter.js';

export interface NodeServerOptions {
  app: Hono;
  mock: MockNodeAdapter;
  /** Longest a client may take to send its headers; slow-loris protection. */
  headersTimeoutMs?: number;
  /** Longest a whole request may take to arrive; must exceed the mock's longest sleep, which runs after it. */
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** How often Node checks the two timeouts above (its default, 30 s, lets a slow client linger that long). */
  connectionsCheckingIntervalMs?: number;
}

/**
 * One Node server for the whole product: `/status/…` goes to the mock's Node adapter (fast path, real 1xx,
 * real upgrades), everything else to the Hono app through its fetch adapter.
 */
export function createNodeServer({
  app,
  mock,
  headersTimeoutMs = 10_000,
  requestTimeoutMs = 30_000,
  keepAliveTimeoutMs = 5_000,
  connectionsCheckingIntervalMs = 1_000,
}: NodeServerOptions): Server {
  const appListener = getRequestListener(app.fetch);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!mock.handle(req, res)) void appListener(req, res);
  };
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

  // RFC 9110 §10.1.1: answer Expect: 100-continue ourselves, so /status/… paths and the app both receive the body.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    res.writeContinue();
    onRequest(req, res);
  });

  // An Upgrade offer that the mock does not take is answered as an ordinary request on the same socket.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (head.length > 0) socket.unshift(head);
    mock.upgrade(req, socket, (request, connection) => {
      const res = new ServerResponse(request);
      res.shouldKeepAlive = false;
      res.assignSocket(connection as never);
      res.on('finish', () => {
        res.detachSocket(connection as never);
        connection.end();
      });
      onRequest(request, res);
    });
  });
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
