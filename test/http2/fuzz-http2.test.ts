import { type ClientHttp2Session, connect } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFuzzResponse, fuzzRequests, runConcurrently } from '../support/fuzz.js';
import { startTestHttp2Servers, type TestHttp2Servers } from '../support/server.js';

let servers: TestHttp2Servers;
beforeAll(async () => {
  servers = await startTestHttp2Servers();
});
afterAll(async () => {
  await servers?.close();
});

/** The HTTP/1.1 fuzz run (test/mock/robustness), over both HTTP/2 listeners: 16 streams at a time on one session. */
describe.each([
  ['h2 (TLS)', () => servers.tlsUrl],
  ['h2c', () => servers.h2cUrl],
])('fuzzing the server over %s', (_name, base) => {
  it('survives thousands of random requests: no crash, no reset stream, no unasked 5xx, no injected header', async () => {
    const session: ClientHttp2Session = connect(base(), { ca: servers.cert, servername: 'localhost' });
    session.on('error', () => undefined);
    const failures: string[] = [];
    let answered = 0;
    try {
      await runConcurrently(
        fuzzRequests(20261202, 2000),
        16,
        (fuzz) =>
          new Promise<void>((resolve) => {
            const stream = session.request(
              { ':method': fuzz.method, ':path': fuzz.path, ':authority': 'localhost', ...fuzz.headers },
              { endStream: fuzz.body === undefined },
            );
            const timer = setTimeout(() => stream.close(), 5000);
            stream.on('response', (headers) => {
              failures.push(...checkFuzzResponse(fuzz, Number(headers[':status']), headers));
            });
            stream.on('close', () => {
              clearTimeout(timer);
              if (stream.rstCode !== 0) failures.push(`#${fuzz.index} ${fuzz.method} ${fuzz.path} → RST_STREAM ${stream.rstCode}`);
              else answered++;
              resolve();
            });
            stream.on('error', () => undefined);
            stream.resume();
            if (fuzz.body !== undefined) stream.end(fuzz.body);
          }),
      );
    } finally {
      session.close();
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(answered).toBe(2000);
  }, 120_000);
});
