import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, DIST_DIR } from '../../src/catalog/paths.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let scratch: string;
let dev: ChildProcess | undefined;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'httpstatus-dev-'));
  // Copies of the content and of the suite's build, so that the watcher rebuilds incrementally and touches nothing real.
  await cp(CONTENT_DIR, path.join(scratch, 'content'), { recursive: true });
  await cp(DIST_DIR, path.join(scratch, 'dist'), { recursive: true });
});
afterAll(async () => {
  dev?.kill();
  await rm(scratch, { recursive: true, force: true });
});

/** Server-sent events from the dev server, as they arrive. */
function subscribe(url: string): { events: Array<[string, string]>; close(): void } {
  const events: Array<[string, string]> = [];
  const req = request(url, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        events.push([/^event: (.*)$/m.exec(block)?.[1] ?? '', /^data: (.*)$/m.exec(block)?.[1] ?? '']);
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, close: () => req.destroy() };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run dev', () => {
  it('rebuilds the page you edit and tells the open tabs of that page to reload', async () => {
    let output = '';
    dev = spawn(process.execPath, ['--import', 'tsx', 'src/commands/dev.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HTTPSTATUS_CONTENT_DIR: path.join(scratch, 'content'),
        HTTPSTATUS_DIST_DIR: path.join(scratch, 'dist'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    dev.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until(() => /listening on http:\/\/localhost:(\d+)/.test(output));
    const base = `http://127.0.0.1:${/listening on http:\/\/localhost:(\d+)/.exec(output)?.[1]}`;

    const page = await (await fetch(`${base}/codes/418`)).text();
    expect(page).toContain('<script type="module" src="/__dev/reload.js"></script></head>');
    const events = subscribe(`${base}/__dev/events`);
    try {
      await until(() => events.events.some(([name]) => name === 'build'));
      const file = path.join(scratch, 'content', '418.md');
      const source = await readFile(file, 'utf8');
      await writeFile(file, source.replace('## Common causes\n', '## Common causes\n\nEdited while npm run dev was watching.\n'));
      await until(() => events.events.some(([name]) => name === 'changed'));
      // The search index holds the pages' text, so it changes too, and the index page that loads it.
      expect(JSON.parse(events.events.find(([name]) => name === 'changed')?.[1] ?? '[]')).toEqual([
        '/',
        '/api/codes/418',
        expect.stringMatching(/^\/assets\/search-index\.[0-9a-f]{10}\.json$/),
        expect.stringMatching(/^\/assets\/search\.[0-9a-f]{10}\.js$/),
        '/codes/418',
      ]);
      expect(await (await fetch(`${base}/codes/418`)).text()).toContain('Edited while npm run dev was watching.');
      expect(output).toMatch(/rebuilt in \d+ ms: \/, \/api\/codes\/418, .*\/codes\/418/);
    } finally {
      events.close();
    }
  }, 60_000);
});
