import { createServer, request } from 'node:http';

/**
 * The Node ceilings: a bare node:http server that answers a fixed 418 with a small body, nothing else; and, when
 * SAME_AS is the URL of a page of ours, that page's exact response (its header fields and br body, fetched once at
 * start) at the same path, so that serving code can be told apart from the cost of the bytes themselves. SAME_AS
 * may list several URLs, comma-separated.
 */
const body = Buffer.from("418 I'm a teapot\n");
const copies = new Map<string, { status: number; headers: string[]; body: Buffer }>();

async function copy(url: string): Promise<void> {
  const target = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const req = request(target, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] ?? '';
          if (!['date', 'connection', 'keep-alive'].includes(name.toLowerCase())) headers.push(name, res.rawHeaders[i + 1] ?? '');
        }
        copies.set(target.pathname, { status: res.statusCode ?? 200, headers, body: Buffer.concat(chunks) });
        resolve();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

// SAME_AS may name several pages, comma-separated: each is copied to its own path.
for (const url of (process.env.SAME_AS ?? '').split(',').filter(Boolean)) await copy(url);
const server = createServer((req, res) => {
  const same = copies.get(req.url ?? '');
  if (same) {
    res.writeHead(same.status, same.headers);
    res.end(same.body);
    return;
  }
  res.writeHead(418, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
