import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { forbiddenAddress } from './address-policy.js';

export interface HopOptions {
  method: string;
  headers: ReadonlyArray<readonly [string, string]>;
  /** The whole hop, from the name's resolution to the last byte read. */
  timeoutMs: number;
  /** Content beyond this is not read (the hop is cut, and says so). */
  maxBodyBytes: number;
  /** Private, loopback and other internal addresses are refused unless this is set (the CLI's --allow-private). */
  allowPrivate: boolean;
  /** `address:port` pairs let through the policy: for tests, whose servers can only be on loopback. */
  exceptions?: ReadonlySet<string>;
  /** A certificate authority to trust besides the system's (tests with a self-signed server). */
  ca?: string;
}

export interface HopTimings {
  dnsMs: number;
  connectMs: number;
  tlsMs: number | null;
  firstByteMs: number;
  totalMs: number;
}

export interface HopResponse {
  address: string;
  httpVersion: string;
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** The content went on past maxBodyBytes and was not read to its end. */
  truncated: boolean;
  timings: HopTimings;
}

/** Why a hop could not be made, in words for the person who asked. */
export class HopError extends Error {
  constructor(
    readonly kind: 'url' | 'refused' | 'dns' | 'timeout' | 'connect' | 'tls' | 'protocol',
    message: string,
  ) {
    super(message);
  }
}

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/** Resolves the name once and picks the first address the policy allows; the connection then goes to that address. */
async function resolve(url: URL, options: HopOptions): Promise<string> {
  const host = bare(url.hostname);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        (error: NodeJS.ErrnoException) => {
          throw new HopError('dns', `${host} does not resolve (${error.code ?? error.message})`);
        },
      );
  if (options.allowPrivate) return addresses[0] ?? host;
  const refusals: string[] = [];
  for (const address of addresses) {
    const why = options.exceptions?.has(`${address}:${port}`) ? undefined : forbiddenAddress(address);
    if (why === undefined) return address;
    refusals.push(`${address}, ${why}`);
  }
  const reason = (refusal: string | undefined) => (refusal ?? '').split(', ').slice(1).join(', ');
  throw new HopError(
    'refused',
    isIP(host)
      ? `${host} is ${reason(refusals[0])}; the checker does not connect to internal addresses`
      : `${host} resolves to ${refusals.join('; ')}: the checker does not connect to internal addresses`,
  );
}

/**
 * One request, with its timings: the name resolved (once) and checked against the SSRF policy, a connection to
 * exactly that address (TLS named for the host), the response head, and at most maxBodyBytes of content.
 */
export async function fetchHop(url: URL, options: HopOptions): Promise<HopResponse> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HopError('url', `only http and https URLs can be checked, not ${url.protocol}`);
  if (url.username || url.password) throw new HopError('url', 'URLs with credentials are not checked');
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    const address = await Promise.race([
      resolve(url, options),
      new Promise<never>((_, reject) =>
        deadline.signal.addEventListener('abort', () =>
          reject(new HopError('timeout', `resolving ${url.hostname} took over ${options.timeoutMs} ms`)),
        ),
      ),
    ]);
    const dnsMs = elapsed();
    const secure = url.protocol === 'https:';
    return await new Promise<HopResponse>((done, fail) => {
      let connectMs = 0;
      let tlsMs: number | null = null;
      const headers: Record<string, string> = { Host: url.host, 'User-Agent': 'httpstatus-check', Accept: '*/*' };
      for (const [name, value] of options.headers) headers[name] = value;
      const common = {
        host: address,
        port: Number(url.port || (secure ? 443 : 80)),
        path: `${url.pathname}${url.search}`,
        method: options.method,
        headers,
        agent: false as const,
        signal: deadline.signal,
        // Nothing may resolve the name again: the address above is the one that was checked.
        lookup: () => {
          throw new Error('no second resolution');
        },
      };
      const req = secure
        ? httpsRequest({
            ...common,
            servername: isIP(bare(url.hostname)) ? '' : bare(url.hostname),
            ...(options.ca ? { ca: options.ca } : {}),
          })
        : httpRequest(common);
      req.on('socket', (socket: Socket) => {
        socket.once('connect', () => {
          connectMs = elapsed();
        });
        socket.once('secureConnect', () => {
          tlsMs = elapsed();
        });
      });
      req.on('response', (res: IncomingMessage) => {
        const firstByteMs = elapsed();
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () =>
          done({
            address,
            httpVersion: res.httpVersion,
            status: res.statusCode ?? 0,
            reason: res.statusMessage ?? '',
            headers: pairs(res.rawHeaders),
            body: Buffer.concat(chunks),
            truncated,
            timings: { dnsMs, connectMs, tlsMs, firstByteMs, totalMs: elapsed() },
          });
        res.on('data', (chunk: Buffer) => {
          if (size + chunk.length > options.maxBodyBytes) {
            chunks.push(chunk.subarray(0, options.maxBodyBytes - size));
            size = options.maxBodyBytes;
            truncated = true;
            res.destroy();
            finish();
            return;
          }
          size += chunk.length;
          chunks.push(chunk);
        });
        res.on('end', finish);
        res.on('error', (error) => (truncated ? undefined : fail(classify(error, options, url))));
      });
      req.on('error', (error) => fail(classify(error, options, url)));
      req.end();
    });
  } finally {
    clearTimeout(timer);
  }
}

function pairs(raw: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return result;
}

function classify(error: Error & { code?: string }, options: HopOptions, url: URL): HopError {
  if (error instanceof HopError) return error;
  if (error.name === 'AbortError' || error.code === 'ABORT_ERR')
    return new HopError('timeout', `no complete answer from ${url.host} within ${options.timeoutMs} ms`);
  if (error.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(error.message))
    return new HopError('tls', `TLS with ${url.host} failed: ${error.message}`);
  if (error.code === 'HPE_INVALID_CONSTANT' || error.code?.startsWith('HPE_'))
    return new HopError('protocol', `${url.host} did not answer in HTTP/1.1 (${error.code})`);
  return new HopError('connect', `cannot connect to ${url.host}: ${error.code ?? error.message}`);
}
