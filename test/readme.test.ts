import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

const run = promisify(execFile);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** The README's curl lines, each with the status its comment promises (first number of the comment). */
async function curlExamples(): Promise<Array<{ line: string; args: string[]; status: number }>> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Mock server'), readme.indexOf('### 421 for real'));
  return [...section.matchAll(/^curl (.+?)\s+# (\d{3})/gm)].map((match) => ({
    line: match[0],
    // Split on spaces outside single quotes, as a shell would for these simple lines.
    args: [...(match[1] ?? '').matchAll(/'([^']*)'|(\S+)/g)].map((part) => part[1] ?? part[2] ?? ''),
    status: Number(match[2]),
  }));
}

describe('README mock examples', async () => {
  const examples = await curlExamples();

  it('has an example for every mock feature', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it.each(examples.map((example) => [example.line, example] as const))('%s', async (_line, example) => {
    const args = example.args.map((arg) => arg.replace('http://localhost:8421', server.url));
    // curl exits non-zero where the README says so (56 when a proxy refuses a CONNECT); what it printed still counts.
    const { stdout } = await run('curl', ['-s', '--max-time', '5', ...args], { encoding: 'latin1' }).catch(
      (error: { stdout: string; code: number }) => {
        if (error.code !== 56) throw error;
        return { stdout: error.stdout };
      },
    );
    const statuses = [...stdout.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]));
    // A random pick (`200,500`, `200:0.9,500:0.1`) may give any code of its list.
    const list = /\/status\/([\d:.]+(?:,[\d:.]+)+)(?:\?|$)/.exec(args.find((arg) => arg.includes('/status/')) ?? '')?.[1];
    const allowed =
      list && !args.some((arg) => arg.includes('seq=')) ? list.split(',').map((part) => Number(part.slice(0, 3))) : [example.status];
    expect(
      statuses.some((status) => allowed.includes(status)),
      stdout.slice(0, 300),
    ).toBe(true);
  });
});
