import { describeCaching, lintText } from '../lib/lint/index.js';
import type { Finding } from '../lib/lint/types.js';
import { paint, type Style, wrap } from './layout.js';

const TONES = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

/** Findings for a terminal: level, id, message, then where to read about it. */
export function formatFindings(findings: readonly Finding[], style: Style): string {
  const width = Math.max(40, style.width);
  return findings
    .map((finding) => {
      const head = `${paint(style, TONES[finding.level], finding.level.padEnd(7))} ${paint(style, 'bold', finding.id)}`;
      const page = finding.page.startsWith('/codes/') ? `httpstatus ${finding.page.slice('/codes/'.length)}` : 'httpstatus list';
      return `${head}\n${wrap(finding.message, width, '        ')}\n${paint(style, 'dim', `        ${finding.rfc} · see ${page}`)}`;
    })
    .join('\n');
}

export interface LintOptions {
  json: boolean;
  strict: boolean;
  method: string | undefined;
}

/**
 * `httpstatus lint [file]`: the response in the file, or on stdin (`curl -si URL | httpstatus lint`). Exit 1 on any
 * error finding (with --strict, on warnings too), 2 when the input is not a response.
 */
export function lintCommand(
  input: Uint8Array,
  options: LintOptions,
  io: { stdout(text: string): void; stderr(text: string): void; style: Style },
): number {
  const result = lintText(input, options.method ? { method: options.method.toUpperCase() } : undefined);
  if ('error' in result) {
    io.stderr(`error: ${result.error}\nPipe a whole response in, as curl -si prints it.\n`);
    return 2;
  }
  const failing = result.findings.some((finding) => finding.level === 'error' || (options.strict && finding.level === 'warning'));
  if (options.json) {
    io.stdout(`${JSON.stringify({ findings: result.findings, caching: result.caching, messages: result.messages }, null, 2)}\n`);
    return failing ? 1 : 0;
  }
  const count = (level: Finding['level']) => result.findings.filter((finding) => finding.level === level).length;
  const { caching } = result;
  const lines = [
    ...(result.findings.length > 0 ? [formatFindings(result.findings, io.style), ''] : []),
    wrap(
      `Caching: ${describeCaching(caching)}${caching.notes.length > 0 ? ` ${caching.notes.join('; ')}.` : ''}`,
      Math.max(40, io.style.width),
      '',
      '  ',
    ),
    `${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes in ${result.messages.length} response${result.messages.length === 1 ? '' : 's'}`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return failing ? 1 : 0;
}
