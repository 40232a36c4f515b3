import { gunzipSync } from 'node:zlib';
import type { MockCode } from '../mock/mock-codes.js';
import { createMockService } from '../mock/mock-service.js';
import { unsupportedWebsocketVersion, WEBSOCKET_GOODBYE, websocketOffer } from '../mock/websocket.js';
import type { SearchPageParts } from '../model/manifest.js';
import { createApp } from '../server/app.js';
import { type PreparedFile, type PreparedVariant, siteFrom } from '../server/built-site.js';
import { StoreUnavailableError } from '../state/state-store.js';

/** One built file as the edge bundle carries it: the compressed forms only, identity made from gzip when asked. */
export interface EdgeFile {
  path: string;
  contentType: string;
  immutable: boolean;
  identityEtag: string;
  /** Bytes as built, for files the build did not compress (images). */
  identity?: Uint8Array;
  br?: { body: Uint8Array; etag: string };
  gzip?: { body: Uint8Array; etag: string };
}

/** What `npm run edge` puts in the bundle: the built site, its search parts and the mock's table. */
export interface EdgeData {
  files: EdgeFile[];
  assets: Record<string, string>;
  styleHash: string;
  parts: SearchPageParts;
  mockCodes: MockCode[];
}

/** The Workers runtime's Durable Object interfaces, as far as they are used here. */
interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  setAlarm(time: number): Promise<void>;
  deleteAll(): Promise<void>;
}
interface DurableObjectState {
  storage: DurableObjectStorage;
}
interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(url: string, init: RequestInit): Promise<Response> };
}

export interface EdgeEnv {
  /** One Durable Object per `?seq=` key. */
  SEQUENCES: DurableObjectNamespace;
  /** Where the Node server runs, for what only it can send (1xx, 101). */
  NODE_SERVER?: string;
}

/** As on Node: a sequence is forgotten this long after its last request. */
const SEQUENCE_TTL_MS = 10 * 60_000;
/** Longest a request waits for its sequence's object before the mock answers 503. */
const SEQUENCE_TIMEOUT_MS = 2_000;

/**
 * One `?seq=` sequence. A Durable Object runs one event at a time and holds back outgoing I/O until its storage
 * writes are confirmed, so read, step and write need no lock; an alarm forgets the sequence after its TTL.
 */
export class SequenceCounter {
  readonly #storage: DurableObjectStorage;

  constructor(state: DurableObjectState) {
    this.#storage = state.storage;
  }

  async fetch(request: Request): Promise<Response> {
    // /readyz asks an object to answer, which proves the namespace reachable without touching storage.
    if (new URL(request.url).pathname === '/ping') return new Response(null, { status: 204 });
    const { spec, length } = (await request.json()) as { spec: string; length: number };
    const stored = await this.#storage.get<{ spec: string; next: number }>('sequence');
    const index = Math.min(stored?.spec === spec ? stored.next : 0, length - 1);
    await this.#storage.put('sequence', { spec, next: index + 1 });
    await this.#storage.setAlarm(Date.now() + SEQUENCE_TTL_MS);
    return Response.json({ index });
  }

  async alarm(): Promise<void> {
    await this.#storage.deleteAll();
  }
}

function preparedFile(file: EdgeFile): PreparedFile {
  const variant = (form: { body: Uint8Array; etag: string }): PreparedVariant => ({ body: Buffer.from(form.body), etag: form.etag });
  const br = file.br ? variant(file.br) : undefined;
  const gzip = file.gzip ? variant(file.gzip) : undefined;
  let identity: PreparedVariant | undefined = file.identity ? { body: Buffer.from(file.identity), etag: file.identityEtag } : undefined;
  // Most clients take br or gzip; the uncompressed bytes are made once, for the first that takes neither.
  const plain = (): PreparedVariant => {
    identity ??= { body: gunzipSync(gzip?.body ?? Buffer.alloc(0)), etag: file.identityEtag };
    return identity;
  };
  return {
    contentType: file.contentType,
    immutable: file.immutable,
    variants: {
      get identity() {
        return plain();
      },
      get br() {
        return br ?? plain();
      },
      get gzip() {
        return gzip ?? plain();
      },
    },
  };
}

/** The Workers runtime's WebSocket pair, as far as it is used here. */
interface WorkerWebSocket {
  accept(): void;
  send(message: string): void;
  close(code: number, reason: string): void;
}
declare const WebSocketPair: new () => { 0: WorkerWebSocket; 1: WorkerWebSocket };

/**
 * `/status/101` with a WebSocket offer switches for real, as on Node: workerd completes the handshake (101 with
 * Sec-WebSocket-Accept) for a Response that carries one end of a WebSocketPair, a Workers extension of
 * ResponseInit; our end sends one text message and closes normally. An offer in another version gets Node's 426;
 * no offer at all goes on to the app, which says what to send.
 */
function switchToWebsocket(request: Request): Response | undefined {
  const offer = websocketOffer(
    request.headers.get('upgrade'),
    request.headers.get('sec-websocket-key'),
    request.headers.get('sec-websocket-version'),
  );
  if (offer === 'none') return undefined;
  if (offer === 'version') {
    const { status, headers, body } = unsupportedWebsocketVersion(request.headers.get('sec-websocket-version'));
    return new Response(body ?? null, { status, headers });
  }
  const pair = new WebSocketPair();
  const ours = pair[1];
  ours.accept();
  ours.send(WEBSOCKET_GOODBYE);
  ours.close(1000, '');
  return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit);
}

/**
 * The product on an edge runtime: the same Hono app as on Node, over the site the bundle carries, with sequences in
 * Durable Objects. What a fetch handler cannot do is answered with an explanation (see app.ts and the README).
 */
export function createWorker(data: EdgeData) {
  const site = siteFrom(new Map(data.files.map((file) => [file.path, preparedFile(file)])), data, data.parts);
  const codes = new Map(data.mockCodes.map((code) => [code.code, code]));
  let app: ReturnType<typeof createApp> | undefined;

  const appFor = (env: EdgeEnv) => {
    const sequences = {
      async advanceSequence(key: string, spec: string, length: number): Promise<number> {
        try {
          const stub = env.SEQUENCES.get(env.SEQUENCES.idFromName(key));
          const response = await stub.fetch('https://sequence.invalid/advance', {
            method: 'POST',
            body: JSON.stringify({ spec, length }),
            signal: AbortSignal.timeout(SEQUENCE_TIMEOUT_MS),
          });
          if (!response.ok) throw new Error(`its Durable Object answered ${response.status}`);
          return ((await response.json()) as { index: number }).index;
        } catch (error) {
          throw new StoreUnavailableError(
            `the sequence's Durable Object did not answer: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      },
    };
    return createApp({
      site,
      mock: createMockService({ codes, sequences }),
      readiness: async () => {
        try {
          const stub = env.SEQUENCES.get(env.SEQUENCES.idFromName('readyz'));
          const response = await stub.fetch('https://sequence.invalid/ping', {
            method: 'GET',
            signal: AbortSignal.timeout(SEQUENCE_TIMEOUT_MS),
          });
          if (response.status !== 204) throw new Error(`it answered ${response.status}`);
          return { ready: true, store: 'durable-object' };
        } catch (error) {
          return {
            ready: false,
            store: 'durable-object',
            reason: `a Durable Object did not answer: ${error instanceof Error ? error.message : String(error)}`,
          };
        }
      },
      ...(env.NODE_SERVER ? { nodeServer: env.NODE_SERVER } : {}),
    });
  };

  return {
    async fetch(request: Request, env: EdgeEnv): Promise<Response> {
      if (new URL(request.url).pathname === '/status/101') {
        const switched = switchToWebsocket(request);
        if (switched) return switched;
      }
      app ??= appFor(env);
      const response = await app.fetch(request, env);
      if (!response.headers.has('content-encoding')) return response;
      // workerd compresses a body by its Content-Encoding unless told the bytes already are (a Workers extension of
      // ResponseInit); without it the precompressed files would be compressed twice.
      const init = {
        status: response.status,
        ...(response.statusText ? { statusText: response.statusText } : {}),
        headers: response.headers,
        encodeBody: 'manual',
      };
      return new Response(response.body, init as ResponseInit);
    },
  };
}
