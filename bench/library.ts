/**
 * `npm run bench:library`: code → phrase and phrase → code, ours beside jshttp/statuses, http-status-codes and
 * http-status, in one process with mitata (http-status has no phrase → code look-up). Ours runs from src/lib, the
 * code the package compiles (importing the built package would make the type check depend on a build). mitata's
 * summary prints each one's ratio to the fastest.
 */
import httpStatus from 'http-status';
import { getReasonPhrase, getStatusCode } from 'http-status-codes';
import { bench, group, run, summary } from 'mitata';
import statuses from 'statuses';
import { codeOf, phraseOf } from '../src/lib/index.js';

// A mix of common and rarer codes, so that no library wins by a lucky first entry.
const CODES = [200, 404, 421, 503, 301, 418, 429, 206, 100, 511];
const PHRASES = CODES.map((code) => phraseOf(code) ?? '');
let sink = 0;

group('code → phrase', () => {
  summary(() => {
    bench('httpstatus phraseOf', () => {
      for (const code of CODES) sink += phraseOf(code)?.length ?? 0;
    });
    bench('statuses.message[code]', () => {
      for (const code of CODES) sink += statuses.message[code]?.length ?? 0;
    });
    bench('http-status-codes getReasonPhrase', () => {
      for (const code of CODES) sink += getReasonPhrase(code).length;
    });
    bench('http-status status[code]', () => {
      for (const code of CODES) sink += String(httpStatus[code as keyof typeof httpStatus]).length;
    });
  });
});

group('phrase → code', () => {
  summary(() => {
    bench('httpstatus codeOf', () => {
      for (const phrase of PHRASES) sink += codeOf(phrase) ?? 0;
    });
    bench('statuses(phrase)', () => {
      for (const phrase of PHRASES) sink += Number(statuses(phrase));
    });
    bench('http-status-codes getStatusCode', () => {
      for (const phrase of PHRASES) sink += getStatusCode(phrase);
    });
  });
});

await run();
if (sink === 42) console.log(''); // keeps the work observable
