import http from 'node:http';
import { Duplex } from 'node:stream';

/** One HTTP message as Node's own parser (llhttp) read it. */
export interface ParsedMessage {
  status: number;
  statusText: string;
  /** Field lines in order, names as sent. */
  headers: Array<[name: string, value: string]>;
}

export interface ParsedResponse {
  /** 1xx responses that came before the final one (101 is final: the connection changes protocol after it). */
  interim: ParsedMessage[];
  final: ParsedMessage;
  body: Buffer;
}

/**
 * Turns a response written in a Markdown ```http block into wire bytes: CRLF after the status line and each
 * field line, and the body exactly as written (everything after the blank line that ends the final message's
 * header section, without the newline before the closing fence). Interim 1xx messages end at their blank line.
 */
export function exampleToWire(example: string): { wire: Buffer; body: Buffer } {
  const lines = example.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const parts: string[] = [];
  let body = '';
  let index = 0;
  while (index < lines.length) {
    const statusLine = lines[index] ?? '';
    const header: string[] = [];
    while (index < lines.length && lines[index] !== '') header.push(lines[index++] ?? '');
    index++; // the blank line
    parts.push(`${header.join('\r\n')}\r\n\r\n`);
    const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1]);
    // After a 1xx other than 101 another message follows; otherwise the rest is the body.
    if (!(status >= 100 && status < 200 && status !== 101)) {
      body = lines.slice(index).join('\n');
      parts.push(body);
      break;
    }
  }
  return { wire: Buffer.from(parts.join(''), 'utf8'), body: Buffer.from(body, 'utf8') };
}

function pairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) result.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  return result;
}

/**
 * Parses raw response bytes with Node's HTTP client parser, fed from memory rather than a socket, so that
 * what we accept is exactly what Node accepts on the wire. Rejects with the parser's error (e.g. HPE_INVALID_HEADER_TOKEN).
 */
export function parseRawResponse(wire: Buffer, options: { method?: string } = {}): Promise<ParsedResponse> {
  return new Promise((resolve, reject) => {
    let delivered = false;
    const socket = new Duplex({
      read() {
        if (delivered) return;
        delivered = true;
        this.push(wire);
        this.push(null);
      },
      write(_chunk, _encoding, callback) {
        callback(); // the request is irrelevant: discard it
      },
    });
    const interim: ParsedMessage[] = [];
    const request = http.request({
      method: options.method ?? 'GET',
      host: 'example.invalid',
      path: '/',
      createConnection: () => socket,
    });
    request.on('information', (info) => {
      interim.push({ status: info.statusCode, statusText: info.statusMessage, headers: pairs(info.rawHeaders) });
    });
    request.on('upgrade', (response, upgraded, head: Buffer) => {
      upgraded.destroy();
      resolve({
        interim,
        final: { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: pairs(response.rawHeaders) },
        body: head,
      });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        resolve({
          interim,
          final: { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: pairs(response.rawHeaders) },
          body: Buffer.concat(chunks),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}
