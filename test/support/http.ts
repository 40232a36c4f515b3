import { request } from 'node:http';
import { connect } from 'node:net';

export interface LoopbackResponse {
  status: number;
  reason: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  interim: Array<{ status: number; headers: Record<string, string | string[] | undefined> }>;
  body: Buffer;
}

/** One request with Node's client, path sent as written, interim responses collected. */
export function send(
  base: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<LoopbackResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const interim: LoopbackResponse['interim'] = [];
    const req = request({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          reason: res.statusMessage ?? '',
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          interim,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('information', (info) => interim.push({ status: info.statusCode, headers: info.headers }));
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes raw bytes on a fresh TCP connection and returns everything read until the server closes or `waitMs` passes. */
export function exchange(port: number, bytes: string | Buffer, waitMs = 1500): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (chunks.length > 0) resolve(Buffer.concat(chunks));
      else reject(error);
    });
  });
}

/** Header names of one response head, lower-cased, from the raw bytes. */
export function headerNames(head: string): string[] {
  return head
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}
