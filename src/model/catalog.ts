/**
 * The compiled catalog: what every face (site, API, mock, CLI, library) reads.
 * Plain types only; this module imports nothing so that any layer may depend on it.
 */

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Registry standing: `standard` is registered and in use; the rest say why not. */
export const REGISTRY_STATUSES = ['standard', 'unused', 'obsolete', 'temporary', 'unofficial'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

export const REQUIREMENT_LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];

/**
 * How a client may repeat a request that got this status.
 * - `not-applicable`: nothing to retry (success, or an interim response)
 * - `never`: repeating the same request gets the same answer
 * - `after-change`: repeat only after changing the request (credentials, body, headers, URI)
 * - `follow-location`: make the next request to the Location target instead
 * - `new-connection`: repeat the same request on a different connection (RFC 9110 §15.5.20)
 * - `after-handshake`: repeat once the TLS handshake is complete, never in early data (RFC 8470 §5.2)
 * - `after-retry-after`: repeat after the delay in Retry-After, or a back-off when absent
 * - `with-backoff`: repeat idempotent requests after an exponential back-off
 */
export const RETRY_POLICIES = [
  'not-applicable',
  'never',
  'after-change',
  'follow-location',
  'new-connection',
  'after-handshake',
  'after-retry-after',
  'with-backoff',
] as const;
export type RetryPolicy = (typeof RETRY_POLICIES)[number];

/** Ecosystems whose constant names a page may list (only names verified in that ecosystem's source). */
export const CONSTANT_ECOSYSTEMS = ['go', 'python', 'rust', 'spring', 'dotnet', 'node', 'rails', 'symfony'] as const;
export type ConstantEcosystem = (typeof CONSTANT_ECOSYSTEMS)[number];

export interface SpecReference {
  /** `RFC 9110` or a draft name such as `draft-ietf-httpbis-resumable-upload-05`. */
  document: string;
  rfc?: number;
  section?: string;
  /** Link to the RFC Editor's section anchor (or the datatracker for drafts). */
  url: string;
}

export interface RelatedCode {
  code: number;
  note: string;
}

/**
 * When the response linter checks a required field, for requirements whose condition a program can test:
 * `always`; `http1` (only in HTTP/1.x, e.g. Connection: upgrade); `single-part` (a 206 that is not
 * multipart/byteranges); `websocket` (a 101 to a WebSocket offer); `range-request` (the request had Range);
 * `post` (the request was a POST). Requirements without one are documentation only.
 */
export const LINT_CONDITIONS = ['always', 'http1', 'single-part', 'websocket', 'range-request', 'post'] as const;
export type LintCondition = (typeof LINT_CONDITIONS)[number];

export interface HeaderRequirement {
  name: string;
  level: RequirementLevel;
  condition: string;
  rfc: number;
  section: string;
  lint?: LintCondition | undefined;
}

export interface Emitter {
  name: string;
  /** The emitter's own name for the code, when it differs from the page's phrase (420: "Method Failure" in Spring). */
  phrase?: string | undefined;
  note: string;
}

export interface Retry {
  policy: RetryPolicy;
  note: string;
}

/** One section of a page: the Markdown as written and the HTML it renders to. */
export interface Section {
  markdown: string;
  html: string;
}

export interface Sections {
  meaning: Section;
  /** `http`: the response as sent; `log`: for codes that never reach the client, the server's log line. */
  responseExample: Section & { http: string; log: string };
  causes: Section;
  fixes: Section;
  mistakes: Section;
  clients: Section;
  insight: Section;
  clientExample: Section & { typescript: string; shell: string };
  /**
   * How to send the code: one program or configuration per ecosystem, and the curl command that asks it for the code.
   * Empty (no programs) on pages that have none yet, and on codes nobody sends.
   */
  serverExample: Section & {
    programs: ServerProgram[];
    request: string;
    /** Why there is none, on a page without programs (front matter `noServerExample`); null otherwise. */
    none: string | null;
  };
}

/** Where a server-side example runs: an application on its platform's standard server, or a proxy's configuration. */
// Only what this machine can check: Caddy would need its own validator (caddy validate) before it is added.
export const SERVER_ECOSYSTEMS = ['node', 'hono', 'go', 'python', 'nginx'] as const;
export type ServerEcosystem = (typeof SERVER_ECOSYSTEMS)[number];

export interface ServerProgram {
  ecosystem: ServerEcosystem;
  /** The fence's language as written (`ts`, `go`, `python`, `nginx`). */
  language: string;
  code: string;
}

export type SectionKey = keyof Sections;

/** When the page was last checked, and against what. */
export interface Review {
  /** YYYY-MM-DD. */
  date: string;
  /** What the page's claims were checked against ("RFC 9110", "curl 8.17.0"), its own list and its facts' versions. */
  sources: string[];
  /** The shared facts (content/facts/) the page states, with the version each holds for and where it was checked. */
  facts: Array<{ key: string; about: string; value: string; holds: string; source: string; checked: string }>;
}

export interface CatalogEntry {
  code: number;
  phrase: string;
  aliases: string[];
  /** What people type when they look for this code (symptoms, synonyms), for search. */
  keywords: string[];
  class: StatusClass;
  status: RegistryStatus;
  emitters: Emitter[];
  /**
   * The status the client receives: the code itself for most pages; another status for codes that only appear in
   * a server's logs while the client gets something else (nginx 494–497 send 400); `null` when nothing is sent (444, 499).
   */
  wire: number | null;
  summary: string;
  spec: SpecReference[];
  related: RelatedCode[];
  headers: HeaderRequirement[];
  content: 'forbidden' | 'allowed';
  cacheable: boolean;
  retry: Retry;
  constants: Partial<Record<ConstantEcosystem, string>>;
  /** How to ask the mock for this code when a bare GET is not the way (`curl` options), and what clients then do. */
  tryIt: { curl: string | null; note: string | null } | null;
  review: Review;
  sections: Sections;
  /** Path of the content file, relative to the project root. */
  source: string;
}

export interface Catalog {
  codes: CatalogEntry[];
}
