import { createServer } from 'node:http';

/** The Node ceiling: a bare node:http server that answers a fixed 418 with a small body, nothing else. */
const body = Buffer.from("418 I'm a teapot\n");
const server = createServer((_req, res) => {
  res.writeHead(418, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
