/** How serious a finding is: `error` breaks a MUST, `warning` a SHOULD, `info` is worth knowing. */
export type Level = 'error' | 'warning' | 'info';

/** One thing the linter found, with where to read about it. */
export interface Finding {
  /** Stable, kebab-case: `allow-missing`, `content-length-mismatch`. */
  id: string;
  level: Level;
  /** One line, specific to this response. */
  message: string;
  /** The section that says so: `RFC 9110 §15.5.6`. */
  rfc: string;
  /** The page that explains the status: `/codes/405`. */
  page: string;
}

/** A response to lint: the status line, the field lines in order, and the content when it is known. */
export interface LintResponse {
  /** `1.1`, `1.0` or `2`. */
  httpVersion: string;
  status: number;
  reason?: string | undefined;
  headers: ReadonlyArray<readonly [string, string]>;
  /** The content after any transfer coding is removed; leave it out when it was not kept. */
  body?: Uint8Array | undefined;
}

/** The request it answered, when known: some rules depend on it (405 and the refused method, HEAD, Range). */
export interface LintRequest {
  method: string;
  headers?: ReadonlyArray<readonly [string, string]> | undefined;
  httpVersion?: string | undefined;
}

/** What a rule sees: the message and quick access to its fields (names compared case-insensitively). */
export interface LintContext {
  response: LintResponse;
  request: LintRequest | undefined;
  /** Every value of a field, in order. */
  values(name: string): string[];
  has(name: string): boolean;
  /** The values joined with ", " (RFC 9110 §5.3), or undefined when absent. */
  value(name: string): string | undefined;
  requestHas(name: string): boolean;
}

/** What a rule reports: at least a message; id, level and section default to the rule's. */
export interface Report {
  message: string;
  id?: string;
  level?: Level;
  rfc?: string;
}

/** A small rule: declared data (id, level, section, what it checks), and a check that reports what is wrong. */
export interface Rule {
  id: string;
  level: Level;
  rfc: string;
  /** What the rule checks, for a list of rules. */
  summary: string;
  check(context: LintContext): Report[];
}
