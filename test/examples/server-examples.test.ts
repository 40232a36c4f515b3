import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/catalog/paths.js';
import { lintText } from '../../src/lib/lint/index.js';
import type { CatalogEntry, ServerEcosystem } from '../../src/model/catalog.js';
import { loadContent } from '../support/content.js';
import {
  mustCheckEveryEcosystem,
  type Program,
  parseCurl,
  type Running,
  send,
  sendAll,
  startGoExamples,
  startNodeExamples,
  startPythonExamples,
  testNginxConfig,
  toolchains,
  vetGoExamples,
} from '../support/server-examples.js';
import { typeCheck } from '../support/type-check.js';

/**
 * Every server-side example is proven: the Node ones type-check, the Go ones pass go vet and go build, the Python
 * ones byte-compile, the nginx ones pass nginx -t; and the Node, Go and Python programs run, one process per
 * ecosystem serving all of them, answer the page's own curl request with the page's code, and our linter finds no
 * error in the response.
 */
const { catalog } = await loadContent();
const pages = catalog.codes.filter((entry) => entry.sections.serverExample.programs.length > 0);
const programsOf = (ecosystem: ServerEcosystem): Program[] =>
  pages.flatMap((entry) => {
    const program = entry.sections.serverExample.programs.find((candidate) => candidate.ecosystem === ecosystem);
    return program ? [{ code: entry.code, source: program.code }] : [];
  });
const entryOf = (code: number) => pages.find((entry) => entry.code === code) as CatalogEntry;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'httpstatus-server-examples-'));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Starts an ecosystem's examples before the tests of the enclosing block and stops them after; gives the running set. */
function serving(start: () => Promise<Running>, timeout: number): () => Running {
  let running: Running | undefined;
  beforeAll(async () => {
    running = await start();
  }, timeout);
  afterAll(async () => {
    await running?.stop();
  });
  return () => {
    if (!running) throw new Error('the examples did not start');
    return running;
  };
}

/** Asks a running example for its code the way the page's curl command does, and lints what comes back. */
async function expectAnswer(running: Running, code: number) {
  const port = running.ports.get(code);
  expect(port, `${code} is running`).toBeDefined();
  const request = parseCurl(entryOf(code).sections.serverExample.request);
  const { status, interim, text } = await sendAll(port as number, request);
  // An interim code (100, 103) arrives before the final response. WebDAV codes that live inside a multistatus
  // (208, 424) may come as the status of one of its members. A code the page says travels in the content of
  // another status (wire: 200, such as ArcGIS's 498) comes with that status, as the code of a JSON error object.
  // Any other is the final status.
  const wire = entryOf(code).wire;
  if (code < 200 && code !== 101) expect(interim, text).toContain(code);
  else if (status === 207 && code !== 207) expect(text, text).toMatch(new RegExp(`<(?:\\w+:)?status>HTTP/1\\.1 ${code} `));
  else if (wire !== null && wire !== code && wire !== 207) {
    expect(status, text).toBe(wire);
    expect(text, text).toMatch(new RegExp(`"code":\\s*${code}\\b`));
  } else expect(status, text).toBe(code);
  const linted = lintText(text, { method: request.method, headers: request.headers, httpVersion: '1.1' });
  if ('error' in linted) throw new Error(`${linted.error}\n${text}`);
  expect(
    linted.findings.filter((finding) => finding.level === 'error').map((finding) => `${finding.id}: ${finding.message}`),
    text,
  ).toEqual([]);
}

describe('server-side examples', () => {
  it('exist, and each page asks for its code with a curl command the check understands', () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const entry of pages) expect(() => parseCurl(entry.sections.serverExample.request), String(entry.code)).not.toThrow();
  });

  describe('Node (node:http, TypeScript)', () => {
    const programs = programsOf('node');
    const running = serving(() => startNodeExamples(path.join(scratch, 'node'), programs), 60_000);

    it('type-check with strict settings and Node 20 types', () => {
      const file = (code: number) => path.join(PROJECT_ROOT, '.server-examples', `${code}.ts`);
      const problems = typeCheck(new Map(programs.map((program) => [file(program.code), program.source])));
      expect(Object.fromEntries(problems)).toEqual({});
    });

    it.each(programs.map((program) => program.code))('%i: answers the page’s request with its code, lint-clean', async (code) => {
      await expectAnswer(running(), code);
    });
  });

  describe.runIf(programsOf('hono').length > 0)('Hono (@hono/node-server, TypeScript)', () => {
    const programs = programsOf('hono');
    const running = serving(() => startNodeExamples(path.join(scratch, 'hono'), programs), 60_000);

    it('type-check with strict settings and Node 20 types', () => {
      const file = (code: number) => path.join(PROJECT_ROOT, '.server-examples', `hono-${code}.ts`);
      const problems = typeCheck(new Map(programs.map((program) => [file(program.code), program.source])));
      expect(Object.fromEntries(problems)).toEqual({});
    });

    it.each(programs.map((program) => program.code))('%i: answers the page’s request with its code, lint-clean', async (code) => {
      await expectAnswer(running(), code);
    });
  });

  describe.runIf(toolchains.go || mustCheckEveryEcosystem)('Go (net/http)', () => {
    const programs = programsOf('go');
    const running = serving(async () => {
      await vetGoExamples(path.join(scratch, 'go-vet'), programs);
      return startGoExamples(path.join(scratch, 'go-run'), programs);
    }, 600_000);

    it.each(programs.map((program) => program.code))(
      '%i: passes go vet and go build, and answers with its code, lint-clean',
      async (code) => {
        await expectAnswer(running(), code);
      },
    );
  });

  describe.runIf(toolchains.python || mustCheckEveryEcosystem)('Python (FastAPI)', () => {
    const programs = programsOf('python');
    const running = serving(() => startPythonExamples(path.join(scratch, 'python'), programs), 60_000);

    it.each(programs.map((program) => program.code))('%i: byte-compiles, and answers with its code, lint-clean', async (code) => {
      await expectAnswer(running(), code);
    });
  });

  describe.runIf(toolchains.nginx || mustCheckEveryEcosystem)('nginx', () => {
    it.each(programsOf('nginx'))('$code: the configuration passes nginx -t', async (program) => {
      await testNginxConfig(path.join(scratch, 'nginx'), program);
    });
  });
});

describe('the example check itself', () => {
  it('catches a program that answers another code, and a response the linter rejects', async () => {
    const wrong: Program = {
      code: 405,
      source: `import { createServer } from 'node:http';\nconst port = Number(process.env.PORT ?? 8080);\ncreateServer((_req, res) => {\n  res.writeHead(405, { 'Content-Length': '0' });\n  res.end();\n}).listen(port, '127.0.0.1');\n`,
    };
    const running = await startNodeExamples(path.join(scratch, 'self-check'), [wrong]);
    try {
      const { status, text } = await send(running.ports.get(405) as number, parseCurl('curl -i -X DELETE http://localhost:8080/x'));
      expect(status).toBe(405);
      const linted = lintText(text, { method: 'DELETE' });
      expect('error' in linted ? [] : linted.findings.map((finding) => finding.id)).toContain('allow-missing');
    } finally {
      await running.stop();
    }
  });

  it('sees interim responses, and waits for 100 Continue before sending a body that asked for it', async () => {
    const interim: Program = {
      code: 103,
      source: `import { createServer } from 'node:http';\nconst port = Number(process.env.PORT ?? 8080);\nconst server = createServer((req, res) => {\n  res.writeEarlyHints({ link: '</app.css>; rel=preload; as=style' });\n  req.resume();\n  req.on('end', () => res.writeHead(200, { 'Content-Length': '2' }).end('ok'));\n});\nserver.on('checkContinue', (req, res) => {\n  res.writeContinue();\n  server.emit('request', req, res);\n});\nserver.listen(port, '127.0.0.1');\n`,
    };
    const running = await startNodeExamples(path.join(scratch, 'self-check-1xx'), [interim]);
    try {
      const answer = await send(
        running.ports.get(103) as number,
        parseCurl("curl -i -H 'Expect: 100-continue' -d 'x=1' http://localhost:8080/"),
      );
      expect(answer.interim).toEqual([100, 103]);
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 103 Early Hints\r\nLink: <\/app\.css>/);
    } finally {
      await running.stop();
    }
  });

  it('takes a 101 as the answer to an upgrade request, and lints its head', async () => {
    const upgrade: Program = {
      code: 101,
      source: `import { createHash } from 'node:crypto';\nimport { createServer } from 'node:http';\nconst port = Number(process.env.PORT ?? 8080);\nconst server = createServer((_req, res) => res.writeHead(426, { Upgrade: 'websocket', Connection: 'Upgrade' }).end());\nserver.on('upgrade', (req, socket) => {\n  const accept = createHash('sha1').update(\`\${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11\`).digest('base64');\n  socket.end(\`HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: \${accept}\\r\\n\\r\\n\`);\n});\nserver.listen(port, '127.0.0.1');\n`,
    };
    const running = await startNodeExamples(path.join(scratch, 'self-check-101'), [upgrade]);
    try {
      const request = parseCurl(
        "curl -i -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' http://localhost:8080/chat",
      );
      const answer = await send(running.ports.get(101) as number, request);
      expect(answer.status).toBe(101);
      // RFC 6455 §1.3's own example: this key gives this accept value.
      expect(answer.text).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      const linted = lintText(answer.text, { method: 'GET', headers: request.headers });
      expect('error' in linted ? ['unparsed'] : linted.findings.filter((finding) => finding.level === 'error')).toEqual([]);
    } finally {
      await running.stop();
    }
  });

  it('refuses curl options it would not send the same way', () => {
    expect(() => parseCurl('curl -i --compressed http://localhost:8080/')).toThrow(/not one the example check understands/);
    expect(parseCurl("curl -i 'http://localhost:8080/quote?n=[1-3]'").paths).toEqual(['/quote?n=1', '/quote?n=2', '/quote?n=3']);
    expect(parseCurl('curl -i -x http://localhost:8080 http://example.com/a')).toMatchObject({
      path: 'http://example.com/a',
      headers: [['Host', 'example.com']],
    });
    expect(() => parseCurl('curl -i -x http://proxy.example:3128 http://example.com/')).toThrow(/only -x http:\/\/localhost:8080/);
    expect(parseCurl("curl -i -X PUT -H 'If-Match: \"v1\"' -d '{}' http://localhost:8080/a?b=1")).toEqual({
      method: 'PUT',
      path: '/a?b=1',
      paths: ['/a?b=1'],
      headers: [
        ['If-Match', '"v1"'],
        ['Content-Type', 'application/x-www-form-urlencoded'],
      ],
      body: '{}',
    });
  });
});
