/** Types of `httpstatus/catalog`: every code's full entry, as the site's page and the JSON API give it. */
import type { RetryPolicy } from './types.js';

export type CatalogStatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';
export type RegistryStanding = 'standard' | 'unused' | 'obsolete' | 'temporary' | 'unofficial';

export interface CatalogSection {
  /** The section as written, Markdown. */
  markdown: string;
  /** The section rendered to HTML. */
  html: string;
}

export interface CatalogEntry {
  code: number;
  phrase: string;
  aliases: string[];
  keywords: string[];
  class: CatalogStatusClass;
  status: RegistryStanding;
  /** Who sends the code, under what name, when it is not (only) the registry's. */
  emitters: Array<{ name: string; phrase?: string | undefined; note: string }>;
  /** The status the client receives (another for log-only codes), or `null` when nothing is sent. */
  wire: number | null;
  summary: string;
  spec: Array<{ document: string; rfc?: number; section?: string; url: string }>;
  related: Array<{ code: number; note: string }>;
  headers: Array<{
    name: string;
    level: 'MUST' | 'SHOULD' | 'MAY';
    condition: string;
    rfc: number;
    section: string;
    lint?: 'always' | 'http1' | 'single-part' | 'websocket' | 'range-request' | 'post' | undefined;
  }>;
  content: 'forbidden' | 'allowed';
  cacheable: boolean;
  retry: { policy: RetryPolicy; note: string };
  constants: Partial<Record<'go' | 'python' | 'rust' | 'spring' | 'dotnet' | 'node' | 'rails' | 'symfony', string>>;
  tryIt: { curl: string | null; note: string | null } | null;
  /** When the page was last checked and against what: RFCs, tool versions, and the shared facts it states. */
  review: {
    date: string;
    sources: string[];
    facts: Array<{ key: string; about: string; value: string; holds: string; source: string; checked: string }>;
  };
  sections: {
    meaning: CatalogSection;
    responseExample: CatalogSection & { http: string; log: string };
    causes: CatalogSection;
    fixes: CatalogSection;
    mistakes: CatalogSection;
    clients: CatalogSection;
    insight: CatalogSection;
    clientExample: CatalogSection & { typescript: string; shell: string };
    /** How to send it: one program or configuration per ecosystem, and the curl command that asks it for the code. */
    serverExample: CatalogSection & {
      programs: Array<{ ecosystem: 'node' | 'hono' | 'go' | 'python' | 'nginx'; language: string; code: string }>;
      request: string;
      /** Why the page has no server-side example (nobody should send the code, or nothing here produces it). */
      none: string | null;
    };
  };
}
