import { readFile } from 'node:fs/promises';
import { filesIn } from './files.js';
import { run } from './run.js';

/** Set by the build (src/build/package.ts) to the package's version. */
declare const VERSION: string;

/**
 * `httpstatus`: the bin. Data beside the bundle; colour on a terminal unless NO_COLOR is set (no-color.org) or the
 * terminal is dumb.
 */
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
process.exitCode = await run(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // A pipe has no width, and a pseudo-terminal may report 0: 80 columns then; never wider than 100, to stay readable.
    style: { width: Math.min(process.stdout.columns || 80, 100), color },
    async readInput(file) {
      if (file !== undefined) return readFile(file);
      if (process.stdin.isTTY) throw new Error('nothing on stdin (pipe a response in, e.g. curl -si URL | httpstatus lint)');
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  },
  filesIn(new URL('./data/', import.meta.url), VERSION),
);
