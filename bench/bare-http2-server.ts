import { constants, createServer } from 'node:http2';

/**
 * The HTTP/2 ceilings: a bare node:http2 server (h2c) that answers a fixed 418, nothing else, through the core
 * stream API (`core`, the default) or through the compatibility API that frameworks and our server use (`compat`).
 */
const body = Buffer.from("418 I'm a teapot\n");
const api = process.argv[2] === 'compat' ? 'compat' : 'core';
const server = createServer();
if (api === 'core') {
  server.on('stream', (stream) => {
    stream.on('error', () => undefined);
    stream.respond({ [constants.HTTP2_HEADER_STATUS]: 418, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
    stream.end(body);
  });
} else {
  server.on('request', (_req, res) => {
    res.writeHead(418, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
}
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`HTTP/2 cleartext (h2c, ${api} API) on http://localhost:${typeof address === 'object' && address ? address.port : 0}`);
});
