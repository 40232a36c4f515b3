/** A status class, by its first digit. */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

/**
 * How a client may repeat a request that got a status:
 * `not-applicable` (nothing to retry), `never` (the same request gets the same answer), `after-change` (change the
 * request first), `follow-location` (request the Location target instead), `new-connection` (the same request on
 * another connection, RFC 9110 §15.5.20), `after-handshake` (once the TLS handshake is complete, RFC 8470 §5.2),
 * `after-retry-after` (after the delay in Retry-After), `with-backoff` (idempotent requests, after a back-off).
 */
export type RetryPolicy =
  | 'not-applicable'
  | 'never'
  | 'after-change'
  | 'follow-location'
  | 'new-connection'
  | 'after-handshake'
  | 'after-retry-after'
  | 'with-backoff';

/** A response field the RFCs ask for with a status. */
export interface HeaderRequirement {
  name: string;
  level: 'MUST' | 'SHOULD' | 'MAY';
  rfc: number;
  section: string;
}
