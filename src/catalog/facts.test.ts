import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFacts, type Fact, loadFacts } from './facts.js';

const RETRY: Fact = {
  key: 'curl.retry-codes',
  about: "The HTTP codes curl's --retry treats as transient",
  value: '408, 429, 500, 502, 503, 504, 522 and 524',
  holds: 'curl 8.17.0',
  source: 'https://github.com/curl/curl/blob/curl-8_17_0/src/tool_operate.c',
  checked: '2026-12-02',
};
const FACTS = new Map([[RETRY.key, RETRY]]);

describe('expandFacts', () => {
  it('puts the value, or the version it holds for, in place of each reference, and lists the facts used', () => {
    const result = expandFacts('content/codes/524.md', 'Since {{curl.retry-codes.holds}}, curl retries {{ curl.retry-codes }}.', FACTS);
    expect(result).toEqual({
      text: 'Since curl 8.17.0, curl retries 408, 429, 500, 502, 503, 504, 522 and 524.',
      used: [RETRY],
      errors: [],
    });
  });

  it('names the file and line of an unknown reference, and what the namespace does have', () => {
    const text = 'line one\nline two {{curl.retry-code}}\n{{cloudflare.proxy-read-timeout}} and {{curl.retry-codes.value}}';
    expect(expandFacts('content/codes/524.md', text, FACTS).errors).toEqual([
      {
        file: 'content/codes/524.md',
        line: 2,
        field: '{{curl.retry-code}}',
        message: 'unknown fact "curl.retry-code"; content/facts/curl.yaml has curl.retry-codes',
      },
      {
        file: 'content/codes/524.md',
        line: 3,
        field: '{{cloudflare.proxy-read-timeout}}',
        message: 'unknown fact "cloudflare.proxy-read-timeout"; there is no content/facts/cloudflare.yaml',
      },
      {
        file: 'content/codes/524.md',
        line: 3,
        field: '{{curl.retry-codes.value}}',
        message: 'expected {{namespace.name}} or {{namespace.name.holds}}',
      },
    ]);
  });

  it('leaves template syntax in examples alone', () => {
    const text = '<input name="_token" value="{{ csrf_token() }}">\n{{ .Values.image }} {{name}}';
    expect(expandFacts('content/codes/419.md', text, FACTS)).toEqual({ text, used: [], errors: [] });
  });
});

describe('loadFacts', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
    root = undefined;
  });

  async function load(files: Record<string, string>) {
    root = await mkdtemp(path.join(tmpdir(), 'httpstatus-facts-'));
    const directory = path.join(root, 'content/facts');
    await mkdir(directory, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
    return loadFacts(directory, root);
  }

  it('reads one namespace per file', async () => {
    const { facts, errors } = await load({
      'curl.yaml': [
        'retry-codes:',
        `  about: ${RETRY.about}`,
        `  value: ${RETRY.value}`,
        `  holds: ${RETRY.holds}`,
        `  source: ${RETRY.source}`,
        `  checked: ${RETRY.checked}`,
        '  note: retrycheck() in src/tool_operate.c',
        '',
      ].join('\n'),
    });
    expect(errors).toEqual([]);
    expect(facts.get('curl.retry-codes')).toEqual(RETRY);
  });

  it('refuses values that would break the sentence, YAML or table they are put in, and names file, line and field', async () => {
    const { facts, errors } = await load({
      'cloudflare.yaml': [
        'proxy-read-timeout:',
        '  about: The default read timeout',
        '  value: 125 seconds "by default"',
        '  holds: Cloudflare documentation of 2026-07-23',
        '  source: http://developers.cloudflare.com/',
        '  checked: 2026-13-01',
        'Bad_Name:',
        '  about: x',
        '',
      ].join('\n'),
      'Curl.yaml': 'x: 1\n',
    });
    expect(facts.size).toBe(0);
    expect(errors.map((error) => `${error.file}:${error.line} ${error.field}: ${error.message}`)).toEqual([
      'content/facts/Curl.yaml:1 file name: expected a lower-case name such as curl.yaml',
      'content/facts/cloudflare.yaml:3 proxy-read-timeout.value: expected one line without ", \\, |, {{, ": " or " #"',
      'content/facts/cloudflare.yaml:5 proxy-read-timeout.source: expected an https URL',
      'content/facts/cloudflare.yaml:6 proxy-read-timeout.checked: expected a date such as 2026-12-02',
      'content/facts/cloudflare.yaml:7 Bad_Name: expected a lower-case name with dashes, such as retry-codes',
    ]);
  });
});
