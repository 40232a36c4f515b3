import { CACHEABLE_BY_DEFAULT } from '../generated/core.js';
import { parseHttpDate } from '../http-date.js';
import { parseParameters } from './fields.js';
import type { LintContext } from './types.js';

/** What a cache may do with the response (RFC 9111): store it, and for how long reuse it without asking. */
export interface CachingSummary {
  /** A browser's (private) cache may store it. */
  storable: boolean;
  /** A shared cache (CDN, proxy) may store it. */
  sharedStorable: boolean;
  /** Seconds it stays fresh once received (after Age), for the cache that may store it (shared first); null when none. */
  freshFor: number | null;
  /** Where that lifetime comes from. */
  freshness: 's-maxage' | 'max-age' | 'expires' | 'heuristic' | 'none';
  /** Why, in a few words each. */
  notes: string[];
}

const seconds = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

/** RFC 9111 §3 (storing), §4.2.1 (freshness lifetime), §4.2.2 (heuristic freshness, at the 10% the RFC suggests). */
export function summarizeCaching(context: LintContext): CachingSummary {
  const { response, request } = context;
  const directives = new Map(
    context
      .values('cache-control')
      .flatMap((text) => parseParameters(text, ','))
      .map(([name, value]) => [name.toLowerCase(), value]),
  );
  const notes: string[] = [];
  const method = request?.method ?? 'GET';
  const final = response.status >= 200;
  const heuristic = (CACHEABLE_BY_DEFAULT as readonly number[]).includes(response.status);
  const maxAge = seconds(directives.get('max-age'));
  const sMaxAge = seconds(directives.get('s-maxage'));
  const date = parseHttpDate(context.value('date') ?? '');
  const expires = context.value('expires');
  const expiresAt = expires === undefined ? undefined : (parseHttpDate(expires) ?? new Date(0));
  const explicit =
    maxAge !== undefined || sMaxAge !== undefined || expires !== undefined || directives.has('public') || directives.has('private');

  let storable = final && (method === 'GET' || method === 'HEAD') && !directives.has('no-store') && (explicit || heuristic);
  if (!final) notes.push('an interim response is never stored');
  else if (method !== 'GET' && method !== 'HEAD') notes.push(`a response to ${method} is not stored here`);
  else if (directives.has('no-store')) notes.push('no-store: no cache keeps it');
  else if (!explicit && !heuristic) notes.push(`${response.status} is not cacheable by default and nothing here makes it so`);
  let sharedStorable = storable && !directives.has('private');
  if (storable && directives.has('private')) notes.push('private: only the browser may store it');
  if (
    sharedStorable &&
    context.requestHas('authorization') &&
    !(directives.has('public') || sMaxAge !== undefined || directives.has('must-revalidate'))
  ) {
    sharedStorable = false;
    notes.push('the request had Authorization: shared caches need public, s-maxage or must-revalidate to store it');
  }
  if (!storable) sharedStorable = false;

  let lifetime: number | undefined;
  let freshness: CachingSummary['freshness'] = 'none';
  if (sharedStorable && sMaxAge !== undefined) [lifetime, freshness] = [sMaxAge, 's-maxage'];
  else if (maxAge !== undefined) [lifetime, freshness] = [maxAge, 'max-age'];
  else if (expiresAt !== undefined) {
    lifetime = Math.max(0, Math.round((expiresAt.getTime() - (date ?? new Date()).getTime()) / 1000));
    freshness = 'expires';
  } else if (heuristic && storable) {
    const lastModified = parseHttpDate(context.value('last-modified') ?? '');
    if (lastModified && date && date > lastModified) {
      lifetime = Math.round((date.getTime() - lastModified.getTime()) / 10_000);
      freshness = 'heuristic';
      notes.push('no explicit freshness: caches may guess, here 10% of the time since Last-Modified');
    }
  }
  if (storable && freshness === 'none' && !directives.has('no-cache')) {
    notes.push(
      heuristic
        ? `${response.status} is cacheable by default, but without Last-Modified and Date a cache has nothing to base its freshness on`
        : 'stored, but stale at once: revalidated before reuse',
    );
  }
  if (directives.has('no-cache')) notes.push('no-cache: stored, but revalidated before every use');
  const age = seconds(context.value('age')) ?? 0;
  const freshFor = storable && lifetime !== undefined ? Math.max(0, lifetime - age) : null;
  if (!storable) storable = false;
  return { storable, sharedStorable, freshFor, freshness: storable ? freshness : 'none', notes };
}

/** The summary in one sentence: who may store the response, and for how long it stays fresh. */
export function describeCaching(caching: CachingSummary): string {
  const storing = caching.storable
    ? caching.sharedStorable
      ? 'Browsers and shared caches may store it'
      : 'Only browsers may store it'
    : 'No cache may store it';
  return `${storing}${caching.freshFor === null ? '' : `, fresh for ${caching.freshFor} s (${caching.freshness})`}.`;
}
