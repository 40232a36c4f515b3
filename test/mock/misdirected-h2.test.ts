import { connect } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { requestOn, runMisdirectedDemo } from '../../src/server/misdirected-demo.js';
import { createMisdirectedH2, createMisdirectedH2c } from '../../src/server/misdirected-h2.js';

describe('421 for real over HTTP/2', () => {
  it('TLS: a request for another served name on a coalesced connection gets 421, and succeeds on a new connection', async () => {
    const { server, cert } = await createMisdirectedH2({ hosts: ['a.example', 'b.example'] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const shared = connect(`https://127.0.0.1:${port}`, { ca: cert, servername: 'a.example' });
      expect((await requestOn(shared, 'a.example')).status).toBe(200);
      const misdirected = await requestOn(shared, 'b.example');
      expect(misdirected.status).toBe(421);
      expect(misdirected.body).toContain('needs a connection of its own');
      expect((await requestOn(shared, 'unknown.example')).status).toBe(421);
      shared.close();
      const fresh = connect(`https://127.0.0.1:${port}`, { ca: cert, servername: 'b.example' });
      expect((await requestOn(fresh, 'b.example')).status).toBe(200);
      fresh.close();
    } finally {
      server.close();
    }
  });

  it('h2c: the first authority binds the connection; another name on it gets 421, a new connection works', async () => {
    const server = createMisdirectedH2c({ hosts: ['a.example', 'b.example'] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const shared = connect(`http://127.0.0.1:${port}`);
      expect((await requestOn(shared, 'a.example:80')).status).toBe(200);
      expect((await requestOn(shared, 'b.example')).status).toBe(421);
      shared.close();
      const fresh = connect(`http://127.0.0.1:${port}`);
      expect((await requestOn(fresh, 'b.example')).status).toBe(200);
      expect((await requestOn(fresh, 'B.EXAMPLE:8080')).status).toBe(200);
      fresh.close();
    } finally {
      server.close();
    }
  });

  it('the documented demo prints 200, 421, 200', async () => {
    const lines: string[] = [];
    expect(await runMisdirectedDemo((line) => lines.push(line))).toEqual([200, 421, 200]);
    expect(lines.join('\n')).toMatch(/:authority b\.localhost: 421/);
  });
});
