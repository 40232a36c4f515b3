import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { preflightHeaders } from '../http/cors.js';
import { type MockRequest, type MockResponse, mockError } from '../mock/build-mock-response.js';
import { websocketAccept } from '../mock/header-values.js';
import type { MockService } from '../mock/mock-service.js';
import { unsupportedWebsocketVersion, WEBSOCKET_GOODBYE, WEBSOCKET_ONLY, websocketOffer } from '../mock/websocket.js';
import { withResponseFields, withResponseFieldsObject } from './response-fields.js';

const STATUS_PREFIX = '/status/';
export const MAX_REQUEST_BODY = 1024 * 1024;

export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** Header fields as a wire writes them: a flat name/value list on HTTP/1.1, an object on HTTP/2. */
type Fields = string[] | OutgoingHttpHeaders;

interface Precomputed {
  status: number;
  reason: string;
  headers: Fields;
  body: Buffer | undefined;
}

/**
 * What differs between HTTP/1.1 and HTTP/2 when the mock writes: the status line's reason phrase, the fields a
 * version allows, and how an interim response goes out.
 */
interface Wire {
  fields(headers: ReadonlyArray<readonly [string, string]>, body: Buffer | undefined): Fields;
  writeHead(res: NodeResponse, status: number, reason: string, fields: Fields): void;
  /** Sends one 1xx other than 101 before the final response; `link` is what a 103 carries. */
  sendInterim(req: NodeRequest, res: NodeResponse, status: number, reason: string, link: string): void;
}

/** RFC 9113 §8.2.2: connection-specific fields are malformed in HTTP/2 (Node refuses to send them). */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function flatten(headers: ReadonlyArray<readonly [string, string]>, body: Buffer | undefined): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  if (body !== undefined) flat.push('Content-Length', String(body.length));
  return flat;
}

/** HTTP/2 fields: lower-case names, repeated names as one array, connection-specific fields dropped. */
function toHttp2Fields(headers: ReadonlyArray<readonly [string, string]>, body: Buffer | undefined): OutgoingHttpHeaders {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (CONNECTION_SPECIFIC.has(key)) continue;
    const previous = fields[key];
    fields[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  if (body !== undefined) fields['content-length'] = String(body.length);
  return fields;
}

/** `end` with or without a body, on either version's response. */
export function endResponse(res: NodeResponse, body?: Buffer | string): void {
  (res as ServerResponse).end(body);
}

const expectsContinue = (req: NodeRequest) => req.headers.expect?.toLowerCase() === '100-continue';

const HTTP1: Wire = {
  fields: flatten,
  writeHead: (res, status, reason, fields) =>
    (res as ServerResponse).writeHead(status, reason, withResponseFields(res, fields as string[])),
  sendInterim(req, res, status, reason, link) {
    // RFC 9110 §15.2: never send 1xx to an HTTP/1.0 client.
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) return;
    const http1 = res as ServerResponse;
    if (status === 100) {
      // An Expect: 100-continue request already got its 100 from the server's checkContinue handler.
      if (!expectsContinue(req)) http1.writeContinue();
    } else if (status === 102) http1.writeProcessing();
    else if (status === 103) http1.writeEarlyHints({ link });
    else if (http1.socket && !http1.headersSent) {
      http1.socket.write(`HTTP/1.1 ${status} ${reason.replace(/[^\x20-\x7e]/g, '')}\r\n\r\n`);
    }
  },
};

const HTTP2: Wire = {
  fields: toHttp2Fields,
  // HTTP/2 has no reason phrase (RFC 9113 §8.3.2); passing one only makes Node warn.
  writeHead: (res, status, _reason, fields) =>
    (res as Http2ServerResponse).writeHead(status, withResponseFieldsObject(res, fields as OutgoingHttpHeaders)),
  sendInterim(req, res, status, _reason, link) {
    const http2 = res as Http2ServerResponse;
    if (http2.headersSent || http2.stream.destroyed) return;
    if (status === 100) {
      if (!expectsContinue(req)) http2.writeContinue();
    } else if (status === 103) http2.writeEarlyHints({ link });
    else http2.stream.additionalHeaders({ ':status': status });
  },
};

function toRequest(req: NodeRequest, url: URL): MockRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-header fields are not header fields
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers };
}

/** Reads and discards the request body, up to a limit, so the connection stays usable and a large body cannot pin memory. */
function drainBody(req: NodeRequest): Promise<boolean> {
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
    req.on('close', () => resolve(req.complete));
  });
}

/** Request fields that change the mock's answer; reading rawHeaders avoids building `req.headers` on the hot path. */
const VARYING_FIELDS = new Set(['accept', 'range', 'expect', 'content-length', 'transfer-encoding', 'origin']);

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

/** An answer the mock gives without waiting: those without `?seq=`, which is all the adapter asks for this way. */
function immediate(response: MockResponse | Promise<MockResponse>): MockResponse {
  if (response instanceof Promise) throw new Error('the mock waited for shared state on a request without ?seq=');
  return response;
}

/**
 * The mock on Node: `/status/…` is answered here without going through the fetch adapter, from responses
 * precomputed per code for the common case, and with real interim responses (100, 102, 103, any other 1xx) and a
 * real protocol switch for 101, which a fetch handler cannot express. One adapter per HTTP version.
 */
export function createMockNodeAdapter(
  service: MockService,
  { http2 = false, earlyHints = '</>; rel=preconnect' }: { http2?: boolean; earlyHints?: string } = {},
) {
  const wire = http2 ? HTTP2 : HTTP1;
  // Keyed by request target (`/status/418`), one table per method, so the hot path is a single lookup.
  const precomputedGet = new Map<string, Precomputed>();
  const precomputedHead = new Map<string, Precomputed>();
  for (const method of ['GET', 'HEAD']) {
    for (const code of service.codes.keys()) {
      if (code < 200) continue;
      const url = new URL(`http://localhost/status/${code}`);
      const response = immediate(service.respond(String(code), { method, path: url.pathname, query: url.searchParams, headers: {} }));
      (method === 'GET' ? precomputedGet : precomputedHead).set(`/status/${code}`, {
        status: response.status,
        reason: response.reason,
        headers: wire.fields(response.headers, response.body),
        body: response.body,
      });
    }
  }

  const write = (res: NodeResponse, response: MockResponse) => {
    wire.writeHead(res, response.status, response.reason, wire.fields(response.headers, response.body));
    endResponse(res, response.body);
  };

  async function answer(req: NodeRequest, res: NodeResponse, url: URL, request: MockRequest, response: MockResponse): Promise<void> {
    const complete = await drainBody(req);
    if (res.writableEnded || res.destroyed) return; // the client went away while sending its body
    if (!complete) {
      write(res, {
        status: 413,
        reason: 'Content Too Large',
        headers: [
          ['Content-Type', 'application/json'],
          ['Connection', 'close'],
        ],
        body: Buffer.from(
          `${JSON.stringify({ status: 413, error: 'Content Too Large', message: `request bodies are limited to ${MAX_REQUEST_BODY} bytes` })}\n`,
        ),
        sleepMs: 0,
      });
      return;
    }
    // An interim response goes out at once and the delay follows, as a slow server sends 102 or 103 while it works.
    const interim = response.status < 200 && response.status !== 101;
    if (interim) wire.sendInterim(req, res, response.status, service.codes.get(response.status)?.reason ?? 'Informational', earlyHints);
    if (response.sleepMs > 0 && !(await sleepUnlessClosed(res, response.sleepMs))) return;
    if (res.writableEnded || res.destroyed) return;
    if (response.status === 101) {
      // A real switch happens in upgrade(); reaching here means the request did not offer one we can honour.
      write(
        res,
        mockError(
          http2
            ? '101 does not exist in HTTP/2 (RFC 9113 §8.6): ask for /status/101 over HTTP/1.1 with a WebSocket upgrade'
            : WEBSOCKET_ONLY,
          url.pathname,
        ),
      );
      return;
    }
    if (interim) {
      const final = immediate(service.respond('200', { ...request, query: new URLSearchParams() }));
      write(res, { ...final, headers: [...final.headers, ['X-Interim-Status', String(response.status)]] });
      return;
    }
    write(res, response);
  }

  /** Waits, unless the client goes away first; false when it did. */
  async function sleepUnlessClosed(res: NodeResponse, ms: number): Promise<boolean> {
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

  /** Answers a request the hot path did not, with its response computed once (sequences advance once). */
  function answerSlowly(
    req: NodeRequest,
    res: NodeResponse,
    url: URL,
    request: MockRequest,
    response: MockResponse | Promise<MockResponse>,
  ): void {
    Promise.resolve(response)
      .then((settled) => answer(req, res, url, request, settled))
      .catch((error: unknown) => failed(res, error));
  }

  /** A fault of ours after the request was taken: 500 if nothing was sent yet, else the connection is cut. */
  function failed(res: NodeResponse, error: unknown): void {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      endResponse(res, `${JSON.stringify({ status: 500, error: 'Internal Server Error', message: String(error) })}\n`);
    } else res.destroy();
  }

  function prepare(req: NodeRequest): { url: URL; request: MockRequest; response: MockResponse | Promise<MockResponse> } {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request = toRequest(req, url);
    return { url, request, response: service.respond(url.pathname.slice(STATUS_PREFIX.length), request) };
  }

  return {
    /** Writes a response the mock built elsewhere (an upgrade it refuses). */
    write,

    /**
     * `Expect: 100-continue` (RFC 9110 §10.1.1): 100 only when the answer will be interim or 2xx, so the client
     * sends its body; any other final status goes out at once, before the body, on a connection that then closes.
     * False when the request is not the mock's.
     */
    continueOrAnswer(req: NodeRequest, res: NodeResponse): boolean {
      if (!(req.url ?? '/').startsWith(STATUS_PREFIX)) return false;
      const { url, request, response } = prepare(req);
      const decide = (settled: MockResponse) => {
        if (settled.status < 300) {
          res.writeContinue();
          answerSlowly(req, res, url, request, settled);
        } else {
          write(res, { ...settled, headers: [...settled.headers, ['Connection', 'close']] });
        }
      };
      if (response instanceof Promise) response.then(decide).catch((error: unknown) => failed(res, error));
      else decide(response);
      return true;
    },

    /**
     * CONNECT asks for a tunnel (RFC 9110 §9.3.6), which this server does not open: 501 that says so, or, for a
     * target named `NNN.status.invalid`, the mock's answer NNN (300–599), so a client's handling of a proxy's
     * refusal (407 above all) can be tested.
     */
    connect(req: NodeRequest, res: NodeResponse): void {
      const target = ('authority' in req ? req.authority : req.url) ?? '';
      const code = /^([3-5]\d\d)\.status\.invalid(?::\d+)?$/i.exec(target)?.[1];
      const request: MockRequest = { ...toRequest(req, new URL('http://localhost/')), path: target };
      if (code) {
        write(res, immediate(service.respond(code, request)));
        return;
      }
      const tunnel = /^[2]\d\d\.status\.invalid/i.test(target)
        ? 'a 2xx answer to CONNECT would open a tunnel, which this mock does not; it answers CONNECT with codes 300–599'
        : `CONNECT asks for a tunnel to ${target.slice(0, 100) || 'nowhere'}, and this server is not a proxy (RFC 9110 §9.3.6); to test a proxy's refusal, CONNECT to 407.status.invalid:443 (any code 300–599)`;
      const { body, headers } = mockError(tunnel, target);
      write(res, { status: 501, reason: 'Not Implemented', headers, body, sleepMs: 0 });
    },

    /** True when the request is the mock's; false leaves it to the app. */
    handle(req: NodeRequest, res: NodeResponse): boolean {
      const target = req.url ?? '/';
      if (!target.startsWith(STATUS_PREFIX)) return false;
      // Hot path: a plain GET or HEAD of one code, no query, nothing that changes the answer.
      const method = req.method ?? 'GET';
      const hit = method === 'GET' ? precomputedGet.get(target) : method === 'HEAD' ? precomputedHead.get(target) : undefined;
      if (hit && isPlain(req.rawHeaders)) {
        wire.writeHead(res, hit.status, hit.reason, hit.headers);
        endResponse(res, hit.body);
        return true;
      }
      if (method === 'OPTIONS' && req.headers.origin && req.headers['access-control-request-method']) {
        wire.writeHead(
          res,
          204,
          'No Content',
          wire.fields(preflightHeaders(req.headers.origin, req.headers['access-control-request-headers']), undefined),
        );
        endResponse(res);
        return true;
      }
      const { url, request, response } = prepare(req);
      answerSlowly(req, res, url, request, response);
      return true;
    },

    /** `Upgrade` requests: only `/status/101` with a valid WebSocket offer switches; anything else is refused or answered normally. */
    upgrade(req: IncomingMessage, socket: Duplex, fallback: (req: IncomingMessage, socket: Duplex, response?: MockResponse) => void): void {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/status/101') {
        fallback(req, socket);
        return;
      }
      const key = req.headers['sec-websocket-key'];
      const version = req.headers['sec-websocket-version'];
      const offer = websocketOffer(req.headers.upgrade, key, version);
      if (offer !== 'switch' || key === undefined) {
        fallback(req, socket, offer === 'version' ? unsupportedWebsocketVersion(version) : undefined);
        return;
      }
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`,
      );
      socket.end(websocketGoodbye(WEBSOCKET_GOODBYE));
    },
  };
}

export type MockNodeAdapter = ReturnType<typeof createMockNodeAdapter>;
