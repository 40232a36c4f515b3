import type { CheckResult } from '../check/check-url.js';
import { checkUrl } from '../check/check-url.js';
import type { CliIndexRow } from '../model/cli-data.js';
import { paint, type Style, wrap } from './layout.js';
import { formatFindings } from './lint-command.js';

export interface CheckCommandOptions {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  maxRedirects: number;
  timeoutMs: number;
  allowPrivate: boolean;
  json: boolean;
}

function formatCheck(result: CheckResult, style: Style): string {
  const width = Math.max(40, style.width);
  const out: string[] = [];
  result.hops.forEach((hop, index) => {
    const status =
      hop.status === undefined ? paint(style, 'red', 'no response') : paint(style, 'bold', `${hop.status} ${hop.phrase ?? ''}`.trim());
    out.push(
      `${paint(style, 'dim', String(index + 1).padStart(2))} ${hop.method} ${hop.url}\n   → ${status}${hop.httpVersion ? paint(style, 'dim', `  HTTP/${hop.httpVersion} from ${hop.address}`) : ''}`,
    );
    if (hop.meaning) out.push(wrap(hop.meaning, width, '     '));
    if (hop.timings) {
      const { dnsMs, connectMs, tlsMs, firstByteMs, totalMs } = hop.timings;
      out.push(
        paint(
          style,
          'dim',
          `     dns ${dnsMs} ms · connect ${connectMs} ms${tlsMs === null ? '' : ` · tls ${tlsMs} ms`} · first byte ${firstByteMs} ms · total ${totalMs} ms${hop.truncated ? ' · content cut' : ''}`,
        ),
      );
    }
    if (hop.error) out.push(wrap(`error: ${hop.error}`, width, '     '));
    if (hop.findings.length > 0) out.push(formatFindings(hop.findings, style).replace(/^/gm, '   '));
  });
  if (result.findings.length > 0) out.push(`\n${paint(style, 'bold', 'The chain')}\n${formatFindings(result.findings, style)}`);
  return `${out.join('\n')}\n`;
}

/**
 * `httpstatus check <url>`: follows the redirects, lints every hop, judges the chain. Exit 1 when the last status is
 * 400 or more, a hop failed, or any finding is an error.
 */
export async function checkCommand(
  options: CheckCommandOptions,
  rows: readonly CliIndexRow[],
  io: { stdout(text: string): void; stderr(text: string): void; style: Style },
): Promise<number> {
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const result = await checkUrl(options.url, {
    method: options.method,
    headers: options.headers,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: 1024 * 1024,
    maxRedirects: options.maxRedirects,
    allowPrivate: options.allowPrivate,
    describe: (status) => byCode.get(status),
  });
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(formatCheck(result, io.style));
  const failed = result.hops.some((hop) => hop.error) || (result.final ?? 600) >= 400;
  const errors = [...result.findings, ...result.hops.flatMap((hop) => hop.findings)].some((finding) => finding.level === 'error');
  return failed || errors ? 1 : 0;
}
