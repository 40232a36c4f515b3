import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { preflightHeaders } from '../http/cors.js';
import { type MockRequest, type MockResponse, mockError } from '../mock/build-mock-response.js';
import { websocketAccept } from '../mock/header-values.js';
import type { MockService } from '../mock/mock-service.js';

const STATUS_PREFIX = '/status/';
export const MAX_REQUEST_BODY = 1024 * 1024;
const EARLY_HINTS_LINK = '</assets/page.js>; rel=preload; as=script';

interface Precomputed {
  status: number;
  reason: string;
  headers: string[];
  body: Buffer | undefined;
}

function flatten(response: MockResponse): string[] {
  const flat: string[] = [];
  for (const [name, value] of response.headers) flat.push(name, value);
  if (response.body !== undefined) flat.push('Content-Length', String(response.body.length));
  return flat;
}

function toRequest(req: IncomingMessage, url: URL): MockRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers };
}

/** Reads and discards the request body, up to a limit, so the connection stays usable and a large body cannot pin memory. */
function drainBody(req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY) {
        req.removeAllListeners('data');
        req.pause();
        resolve(false);
      }
    });
    req.on('end', () => resolve(true));
    req.on('error', () => resolve(false));
    req.on('aborted', () => resolve(false));
  });
}

/** Request fields that change the mock's answer; reading rawHeaders avoids building `req.headers` on the hot path. */
const VARYING_FIELDS = new Set(['accept', 'range', 'expect', 'content-length', 'transfer-encoding']);

function isPlain(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    if (name.length >= 5 && name.length <= 17 && VARYING_FIELDS.has(name.toLowerCase())) return false;
  }
  return true;
}

/** A WebSocket text frame then a normal close (RFC 6455 §5.2, §5.5.1): the switch is real, the session short. */
function websocketGoodbye(text: string): Buffer {
  const payload = Buffer.from(text);
  const close = Buffer.from([0x88, 0x02, 0x03, 0xe8]); // FIN + close, status 1000
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload, close]);
}

/**
 * The mock on Node: `/status/…` is answered here without going through the fetch adapter, from responses
 * precomputed per code for the common case, and with real interim responses (100, 102, 103, any other 1xx) and a
 * real protocol switch for 101, which a fetch handler cannot express.
 */
export function createMockNodeAdapter(service: MockService) {
  // Keyed by request target (`/status/418`), one table per method, so the hot path is a single lookup.
  const precomputedGet = new Map<string, Precomputed>();
  const precomputedHead = new Map<string, Precomputed>();
  for (const method of ['GET', 'HEAD']) {
    for (const code of service.codes.keys()) {
      if (code < 200) continue;
      const url = new URL(`http://localhost/status/${code}`);
      const response = service.respond(String(code), { method, path: url.pathname, query: url.searchParams, headers: {} });
      (method === 'GET' ? precomputedGet : precomputedHead).set(`/status/${code}`, {
        status: response.status,
        reason: response.reason,
        headers: flatten(response),
        body: response.body,
      });
    }
  }

  const write = (res: ServerResponse, response: MockResponse) => {
    res.writeHead(response.status, response.reason, flatten(response));
    res.end(response.body);
  };

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const spec = url.pathname.slice(STATUS_PREFIX.length);
    const request = toRequest(req, url);
    const response = service.respond(spec, request);
    const complete = await drainBody(req);
    if (!complete) {
      res.writeHead(413, 'Content Too Large', { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(
        `${JSON.stringify({ status: 413, error: 'Content Too Large', message: `request bodies are limited to ${MAX_REQUEST_BODY} bytes` })}\n`,
      );
      return;
    }
    // An interim response goes out at once and the delay follows, as a slow server sends 102 or 103 while it works.
    const interim = response.status < 200 && response.status !== 101;
    if (interim) sendInterim(req, res, response.status);
    if (response.sleepMs > 0 && !(await sleepUnlessClosed(res, response.sleepMs))) return;
    if (response.status === 101) {
      // A real switch happens in upgrade(); reaching here means the request did not offer one we can honour.
      write(
        res,
        mockError(
          '101 switches protocols only for a WebSocket upgrade: send Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key',
          url.pathname,
        ),
      );
      return;
    }
    if (interim) {
      const final = service.respond('200', { ...request, query: new URLSearchParams() });
      write(res, { ...final, headers: [...final.headers, ['X-Interim-Status', String(response.status)]] });
      return;
    }
    write(res, response);
  }

  /** Waits, unless the client goes away first; false when it did. */
  async function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
    const aborted = new AbortController();
    const abort = () => aborted.abort();
    res.once('close', abort);
    try {
      await delay(ms, undefined, { signal: aborted.signal });
      return true;
    } catch {
      return false;
    } finally {
      res.off('close', abort);
    }
  }

  /** RFC 9110 §15.2: never send 1xx to an HTTP/1.0 client. */
  function sendInterim(req: IncomingMessage, res: ServerResponse, status: number): void {
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) return;
    if (status === 100) {
      // An Expect: 100-continue request already got its 100 from the server's checkContinue handler.
      if (req.headers.expect?.toLowerCase() !== '100-continue') res.writeContinue();
    } else if (status === 102) res.writeProcessing();
    else if (status === 103) res.writeEarlyHints({ link: EARLY_HINTS_LINK });
    else if (res.socket && !res.headersSent) {
      const reason = service.codes.get(status)?.reason.replace(/[^\x20-\x7e]/g, '') ?? 'Informational';
      res.socket.write(`HTTP/1.1 ${status} ${reason}\r\n\r\n`);
    }
  }

  return {
    /** True when the request is the mock's; false leaves it to the app. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const target = req.url ?? '/';
      if (!target.startsWith(STATUS_PREFIX)) return false;
      // Hot path: a plain GET or HEAD of one code, no query, nothing that changes the answer.
      const method = req.method ?? 'GET';
      const hit = method === 'GET' ? precomputedGet.get(target) : method === 'HEAD' ? precomputedHead.get(target) : undefined;
      if (hit && isPlain(req.rawHeaders)) {
        res.writeHead(hit.status, hit.reason, hit.headers);
        res.end(hit.body);
        return true;
      }
      if (method === 'OPTIONS' && req.headers.origin && req.headers['access-control-request-method']) {
        res.writeHead(204, preflightHeaders(req.headers['access-control-request-headers']).flat());
        res.end();
        return true;
      }
      const url = new URL(target, 'http://localhost');
      answer(req, res, url).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(`${JSON.stringify({ status: 500, error: 'Internal Server Error', message: String(error) })}\n`);
        } else res.destroy();
      });
      return true;
    },

    /** `Upgrade` requests: only `/status/101` with a valid WebSocket offer switches; anything else is refused or answered normally. */
    upgrade(req: IncomingMessage, socket: Duplex, fallback: (req: IncomingMessage, socket: Duplex) => void): void {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/status/101') {
        fallback(req, socket);
        return;
      }
      const key = req.headers['sec-websocket-key'];
      const wantsWebsocket = req.headers.upgrade?.toLowerCase() === 'websocket';
      if (
        !wantsWebsocket ||
        req.headers['sec-websocket-version'] !== '13' ||
        typeof key !== 'string' ||
        Buffer.from(key, 'base64').length !== 16
      ) {
        fallback(req, socket);
        return;
      }
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`,
      );
      socket.end(websocketGoodbye('httpstatus: switched to websocket; closing'));
    },
  };
}

export type MockNodeAdapter = ReturnType<typeof createMockNodeAdapter>;
