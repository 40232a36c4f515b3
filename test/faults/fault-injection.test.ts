import { once } from 'node:events';
import { type ClientHttp2Session, type ClientHttp2Stream, connect as connectHttp2, constants } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { connect as connectTcp, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME, frame, getRequest, goaway, headerBlock, PREFACE, rstStream, settings } from '../support/h2-frames.js';
import { type ServerProcess, startServerProcess } from '../support/process.js';

/**
 * Faults at every stage of an exchange, on every listener of the real process: a client that resets (TCP RST) or
 * half-closes (FIN) its connection, or on HTTP/2 cancels its stream (RST_STREAM) or leaves (GOAWAY). After each
 * fault, every listener must still answer: one client must never be able to stop the server.
 */
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ HTTP2_PORT: '0', H2C_PORT: '0', MOCK_MAX_SLEEP_MS: '3000' });
}, 60_000);
afterAll(() => {
  server?.process.kill('SIGKILL');
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ports = () => ({ http1: new URL(server.url).port, tls: server.tlsPort ?? 0, h2c: server.h2cPort ?? 0 });

// ---- the health check run after every fault ----

async function http2Status(url: string, path: string): Promise<number> {
  const session = connectHttp2(url, { rejectUnauthorized: false });
  session.on('error', () => undefined);
  try {
    const stream = session.request({ ':path': path });
    const [headers] = (await once(stream, 'response')) as [Record<string, unknown>];
    stream.resume();
    return Number(headers[':status']);
  } finally {
    session.close();
  }
}

function http1TlsStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path, rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function everyListenerAnswers(): Promise<void> {
  const { http1, tls, h2c } = ports();
  const statuses = await Promise.all([
    fetch(`http://127.0.0.1:${http1}/status/204`).then((response) => response.status),
    http1TlsStatus(tls, '/status/204'),
    http2Status(`https://127.0.0.1:${tls}`, '/status/204'),
    http2Status(`http://127.0.0.1:${h2c}`, '/status/204'),
  ]);
  expect(statuses).toEqual([204, 204, 204, 204]);
  expect(server.alive()).toBe(true);
}

// ---- connections we can break on purpose ----

interface Connection {
  /** The TCP socket, which we reset or half-close. */
  tcp: Socket;
  /** What the application writes to: the TCP socket itself, or TLS on top of it. */
  stream: Duplex;
  received(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

async function openConnection(port: number, tls: boolean, alpn: string[] = ['http/1.1']): Promise<Connection> {
  const tcp = connectTcp(port, '127.0.0.1');
  tcp.on('error', () => undefined);
  await once(tcp, 'connect');
  let stream: Duplex = tcp;
  if (tls) {
    const secure = connectTls({ socket: tcp, servername: 'localhost', ALPNProtocols: alpn, rejectUnauthorized: false });
    secure.on('error', () => undefined);
    await once(secure, 'secureConnect');
    stream = secure;
  }
  let text = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (const waiter of waiters.splice(0)) waiter();
  });
  return {
    tcp,
    stream,
    received: () => text,
    async waitFor(needle, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`never received ${JSON.stringify(needle)}; got ${JSON.stringify(text.slice(0, 200))}`);
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), pause(50)]);
      }
    },
  };
}

type ConnectionFault = 'reset' | 'half-close';

async function breakConnection(connection: Connection, fault: ConnectionFault): Promise<void> {
  if (fault === 'reset') connection.tcp.resetAndDestroy();
  else {
    connection.stream.end();
    await pause(300);
    connection.tcp.destroy();
  }
  await pause(50);
}

// ---- HTTP/1.1, in clear and over TLS ----

const KEY = Buffer.from('0123456789abcdef').toString('base64');
const WEBSOCKET = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\n`;

/** Each stage: what the client sends, then what it waits for before the fault. */
const HTTP1_STAGES: Array<[stage: string, run: (connection: Connection) => Promise<void>]> = [
  ['during the request head', async (c) => void c.stream.write('GET /status/200 HTTP/1.1\r\nHost: localhost\r\nX-Unfinished: ')],
  [
    'during a request body',
    async (c) => {
      c.stream.write('POST /status/201 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n');
      c.stream.write(Buffer.alloc(1000, 0x61));
      await pause(100);
    },
  ],
  [
    'while the mock sleeps',
    async (c) => {
      c.stream.write('GET /status/200?sleep=1500 HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await pause(200);
    },
  ],
  [
    'after a 1xx',
    async (c) => {
      c.stream.write('GET /status/102?sleep=1500 HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await c.waitFor('HTTP/1.1 102 Processing\r\n\r\n');
    },
  ],
  [
    'after 100 Continue, before the body',
    async (c) => {
      c.stream.write('PUT /status/201 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n');
      await c.waitFor('HTTP/1.1 100 Continue\r\n\r\n');
    },
  ],
  [
    'after a 101',
    async (c) => {
      c.stream.write(`GET /status/101 HTTP/1.1\r\nHost: localhost\r\n${WEBSOCKET}\r\n`);
      await c.waitFor('HTTP/1.1 101 Switching Protocols\r\n');
    },
  ],
  [
    'while the mock sleeps on a request offering an upgrade',
    async (c) => {
      c.stream.write(`GET /status/200?sleep=1500 HTTP/1.1\r\nHost: localhost\r\n${WEBSOCKET}\r\n`);
      await pause(200);
    },
  ],
  [
    'mid-response, during site pages',
    async (c) => {
      // Pipelined pages the client does not read: the server blocks on a full socket mid-response.
      c.stream.pause();
      c.stream.write('GET /codes/421 HTTP/1.1\r\nHost: localhost\r\n\r\n'.repeat(100));
      await pause(200);
    },
  ],
  [
    'mid-response, during API documents',
    async (c) => {
      c.stream.pause();
      c.stream.write('GET /api/codes HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: identity\r\n\r\n'.repeat(150));
      await pause(200);
    },
  ],
  [
    'after a CONNECT',
    async (c) => {
      c.stream.write('CONNECT example.invalid:443 HTTP/1.1\r\nHost: example.invalid:443\r\n\r\n');
      await pause(100);
    },
  ],
];

describe.each([
  ['HTTP/1.1', false],
  ['HTTP/1.1 over TLS', true],
])('%s: faults at every stage', (_name, tls) => {
  const cases = HTTP1_STAGES.flatMap(([stage, run]) =>
    (['reset', 'half-close'] as const).map((fault) => [`${fault} ${stage}`, run, fault] as const),
  );
  it.each(cases)('%s: every listener still answers', async (_label, run, fault) => {
    const connection = await openConnection(tls ? ports().tls : Number(ports().http1), tls);
    await run(connection);
    await breakConnection(connection, fault);
    await everyListenerAnswers();
  });
});

// ---- HTTP/2, over TLS and in clear ----

type Http2Fault = ConnectionFault | 'RST_STREAM' | 'GOAWAY';

interface Http2Exchange {
  connection: Connection;
  session: ClientHttp2Session;
}

async function openHttp2(tls: boolean, settingsOverride: Record<string, number> = {}): Promise<Http2Exchange> {
  const { tls: tlsPort, h2c } = ports();
  const connection = await openConnection(tls ? tlsPort : h2c, tls, ['h2']);
  const session = connectHttp2(tls ? `https://localhost:${tlsPort}` : `http://localhost:${h2c}`, {
    createConnection: () => connection.stream,
    settings: settingsOverride,
  });
  session.on('error', () => undefined);
  return { connection, session };
}

function request(exchange: Http2Exchange, headers: Record<string, string>, end = true): ClientHttp2Stream {
  const stream = exchange.session.request(headers, { endStream: end });
  stream.on('error', () => undefined);
  return stream;
}

async function breakHttp2(exchange: Http2Exchange, stream: ClientHttp2Stream | undefined, fault: Http2Fault): Promise<void> {
  if (fault === 'RST_STREAM') {
    stream?.close(constants.NGHTTP2_CANCEL);
    await pause(100);
    exchange.session.destroy();
  } else if (fault === 'GOAWAY') {
    exchange.session.goaway(constants.NGHTTP2_NO_ERROR);
    await pause(200);
    exchange.session.destroy();
  } else {
    await breakConnection(exchange.connection, fault);
    exchange.session.destroy();
  }
  await pause(50);
}

const HTTP2_STAGES: Array<
  [stage: string, run: (exchange: Http2Exchange) => Promise<ClientHttp2Stream>, settings?: Record<string, number>]
> = [
  [
    'during a request body',
    async (exchange) => {
      const stream = request(exchange, { ':method': 'POST', ':path': '/status/201', 'content-length': '100000' }, false);
      stream.write(Buffer.alloc(1000, 0x61));
      await pause(100);
      return stream;
    },
  ],
  [
    'while the mock sleeps',
    async (exchange) => {
      const stream = request(exchange, { ':path': '/status/200?sleep=1500' });
      await pause(200);
      return stream;
    },
  ],
  [
    'after a 1xx',
    async (exchange) => {
      const stream = request(exchange, { ':path': '/status/102?sleep=1500' });
      await once(stream, 'headers');
      return stream;
    },
  ],
  [
    'after 100 Continue, before the body',
    async (exchange) => {
      const stream = request(exchange, { ':method': 'PUT', ':path': '/status/201', expect: '100-continue', 'content-length': '10' }, false);
      await once(stream, 'continue');
      return stream;
    },
  ],
  [
    'after a CONNECT',
    async (exchange) => {
      const stream = exchange.session.request({ ':method': 'CONNECT', ':authority': 'example.invalid:443' }, { endStream: false });
      stream.on('error', () => undefined);
      await once(stream, 'response');
      return stream;
    },
  ],
  [
    'mid-response, during a site page',
    async (exchange) => {
      const stream = request(exchange, { ':path': '/codes/421' });
      await once(stream, 'data');
      stream.pause();
      return stream;
    },
    { initialWindowSize: 256 },
  ],
  [
    'mid-response, during an API document',
    async (exchange) => {
      const stream = request(exchange, { ':path': '/api/codes', 'accept-encoding': 'identity' });
      await once(stream, 'data');
      stream.pause();
      return stream;
    },
    { initialWindowSize: 256 },
  ],
  [
    'mid-response, during a mock body',
    async (exchange) => {
      const stream = request(exchange, { ':path': '/status/200', accept: 'application/json' });
      await once(stream, 'data');
      stream.pause();
      return stream;
    },
    { initialWindowSize: 16 },
  ],
];

describe.each([
  ['h2 (TLS)', true],
  ['h2c', false],
])('HTTP/2 %s: faults at every stage', (_name, tls) => {
  const cases = HTTP2_STAGES.flatMap(([stage, run, override]) =>
    (['reset', 'half-close', 'RST_STREAM', 'GOAWAY'] as const).map((fault) => [`${fault} ${stage}`, run, override, fault] as const),
  );
  it.each(cases)('%s: every listener still answers', async (_label, run, override, fault) => {
    const exchange = await openHttp2(tls, override);
    const stream = await run(exchange);
    await breakHttp2(exchange, stream, fault);
    await everyListenerAnswers();
  });

  /** Raw frames, for what a client library will not send. */
  const rawCases: Array<[string, (authority: string) => Buffer[], ConnectionFault]> = [
    [
      'a header block cut in the middle, then a reset',
      (authority) => {
        const full = getRequest(1, authority, '/status/200', tls ? 'https' : 'http');
        return [full.subarray(0, full.length - 10)];
      },
      'reset',
    ],
    [
      'HEADERS without END_HEADERS and no CONTINUATION, then a half-close',
      (authority) => [
        frame(
          FRAME.HEADERS,
          0,
          1,
          headerBlock([
            [':method', 'GET'],
            [':scheme', tls ? 'https' : 'http'],
            [':authority', authority],
          ]),
        ),
      ],
      'half-close',
    ],
    [
      'HEADERS and RST_STREAM in one packet, on every kind of route',
      (authority) =>
        ['/status/418', '/status/200?sleep=100', '/status/103', '/status/100', '/codes/421', '/api/codes', '/search?q=x', '/nope'].flatMap(
          (path, index) => [getRequest(1 + 2 * index, authority, path, tls ? 'https' : 'http'), rstStream(1 + 2 * index)],
        ),
      'half-close',
    ],
    [
      'HEADERS then GOAWAY in one packet',
      (authority) => [getRequest(1, authority, '/status/102?sleep=500', tls ? 'https' : 'http'), goaway(1)],
      'half-close',
    ],
    [
      'a rapid-reset burst: 500 streams opened and cancelled',
      (authority) =>
        Array.from({ length: 500 }, (_, index) => [
          getRequest(1 + 2 * index, authority, '/codes/421', tls ? 'https' : 'http'),
          rstStream(1 + 2 * index),
        ]).flat(),
      'reset',
    ],
  ];
  it.each(rawCases)('%s: every listener still answers', async (_label, frames, fault) => {
    const { tls: tlsPort, h2c } = ports();
    const connection = await openConnection(tls ? tlsPort : h2c, tls, ['h2']);
    connection.stream.write(Buffer.concat([PREFACE, settings(), ...frames(`localhost:${tls ? tlsPort : h2c}`)]));
    await pause(200);
    await breakConnection(connection, fault);
    await everyListenerAnswers();
  });
});

describe('after every fault', () => {
  it('the process never logged an error or a warning', () => {
    expect(server.output()).not.toMatch(/Error|Warning|ECONNRESET|EPIPE/);
  });
});
