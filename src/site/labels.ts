import type { CatalogEntry, RegistryStatus, RetryPolicy, StatusClass } from '../model/catalog.js';

export const CLASS_LABELS: Record<StatusClass, string> = {
  '1xx': 'Informational',
  '2xx': 'Success',
  '3xx': 'Redirection',
  '4xx': 'Client Error',
  '5xx': 'Server Error',
};

export const STATUS_LABELS: Record<RegistryStatus, string> = {
  standard: 'registered',
  unused: 'unused',
  obsolete: 'obsolete',
  temporary: 'temporary registration',
  unofficial: 'unofficial',
};

export const RETRY_LABELS: Record<RetryPolicy, string> = {
  'not-applicable': 'Nothing to retry',
  never: 'Do not repeat unchanged',
  'after-change': 'Repeat after changing the request',
  'follow-location': 'Follow the Location',
  'new-connection': 'Retry on a new connection',
  'after-handshake': 'Retry after the TLS handshake, not in early data',
  'after-retry-after': 'Retry after Retry-After',
  'with-backoff': 'Retry idempotent requests with back-off',
};

export const CONSTANT_LABELS: Record<string, string> = {
  go: 'Go net/http',
  python: 'Python http.HTTPStatus',
  rust: 'Rust http::StatusCode',
  spring: 'Java Spring HttpStatus',
  dotnet: '.NET HttpStatusCode',
  node: 'Node http.STATUS_CODES',
  rails: 'Rails (Rack) symbol',
  symfony: 'PHP Symfony Response',
};

/** The colour class of a code's badge: unofficial codes are grey whatever their class. */
export function badgeClass(entry: Pick<CatalogEntry, 'class' | 'status'>): string {
  return entry.status === 'unofficial' ? 'ku' : `k${entry.class[0]}`;
}

/** Who emits an unofficial code, in a few words for the index. */
export function emitterNames(entry: CatalogEntry): string {
  return entry.emitters.map((emitter) => emitter.name).join(', ');
}

/** The name people know a code by: "(Unused)" is the registry's note for 306 and 418, shown as a tag, not as the name. */
export function displayPhrase(entry: CatalogEntry): string {
  return entry.phrase.startsWith('(') ? (entry.aliases[0] ?? entry.phrase) : entry.phrase;
}
