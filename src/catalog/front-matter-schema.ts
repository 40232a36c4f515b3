import { z } from 'zod';
import {
  CONSTANT_ECOSYSTEMS,
  LINT_CONDITIONS,
  REGISTRY_STATUSES,
  REQUIREMENT_LEVELS,
  RETRY_POLICIES,
  STATUS_CLASSES,
} from '../model/catalog.js';

const text = z.string().trim().min(1, 'expected non-empty text');
const statusCode = z.number().int().min(100).max(599);
/** RFC section numbers as written in the RFCs: `15.5.20`, `4.1`, `11`. */
const sectionNumber = z.string().regex(/^\d+(\.\d+)*$/, 'expected a section number such as "15.5.20"');
/** RFC 9110 §5.1: field names are tokens. */
const fieldName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'expected a header field name (a token)');

const specReference = z.union([
  z.strictObject({ rfc: z.number().int().positive(), section: sectionNumber.optional() }),
  z.strictObject({ draft: z.string().regex(/^draft-[a-z0-9-]+$/, 'expected an Internet-Draft name'), section: sectionNumber.optional() }),
]);

const constants = z.strictObject(
  Object.fromEntries(CONSTANT_ECOSYSTEMS.map((ecosystem) => [ecosystem, text.optional()])) as Record<
    (typeof CONSTANT_ECOSYSTEMS)[number],
    z.ZodOptional<typeof text>
  >,
);

/** The YAML front matter of `content/codes/NNN.md`; `content/TEMPLATE.md` explains each field. */
export const frontMatterSchema = z
  .strictObject({
    code: statusCode,
    phrase: text,
    aliases: z.array(text).default([]),
    /** What people type when they look for this code: symptoms and synonyms, for search (lower-case). */
    keywords: z
      .array(text.max(40, 'expected a few words').refine((keyword) => keyword === keyword.toLowerCase(), 'expected lower-case keywords'))
      .max(12, 'expected at most 12 keywords')
      .default([]),
    class: z.enum(STATUS_CLASSES),
    status: z.enum(REGISTRY_STATUSES),
    emitters: z.array(z.strictObject({ name: text, phrase: text.optional(), note: text })).default([]),
    /** What the client actually receives when that differs from the code: another status (nginx 494–497 send 400), or `none`. */
    wire: z.union([statusCode, z.literal('none')]).optional(),
    summary: text.max(240, 'expected one sentence of at most 240 characters'),
    spec: z.array(specReference),
    related: z.array(z.strictObject({ code: statusCode, note: text })).min(1, 'expected at least one related code'),
    headers: z
      .array(
        z.strictObject({
          name: fieldName,
          level: z.enum(REQUIREMENT_LEVELS),
          condition: text,
          rfc: z.number().int().positive(),
          section: sectionNumber,
          /** When the linter can check the field (the condition in words is for readers): absent, it does not. */
          lint: z.enum(LINT_CONDITIONS).optional(),
        }),
      )
      .default([]),
    content: z.enum(['forbidden', 'allowed']),
    cacheable: z.boolean(),
    retry: z.strictObject({ policy: z.enum(RETRY_POLICIES), note: text }),
    constants: constants.default({}),
    /** The day the page was last checked against its sources, claim by claim. */
    reviewed: z.iso.date('expected a date such as 2026-12-02'),
    /** What it was checked against: every RFC in `spec`, and tools with the version checked ("curl 8.17.0"). */
    sources: z.array(text.max(80, 'expected a document or a tool and its version')).min(1, 'expected at least one source'),
    /**
     * Why the page has no server-side example: nobody should send the code (306), or nothing a server or proxy here
     * can configure produces or prevents it (Cloudflare's 530). Every other page has one.
     */
    noServerExample: text.max(400, 'expected a sentence or two').optional(),
    /** How to ask the mock for this code when a bare GET is not the way: curl options, and what clients do. */
    tryIt: z
      .strictObject({
        curl: z
          .string()
          .regex(/^-[^\n]*$/, 'expected curl options on one line, starting with "-" (the URL is added)')
          .max(300, 'expected at most 300 characters')
          .optional(),
        note: text.max(400, 'expected at most 400 characters').optional(),
      })
      .optional(),
  })
  .superRefine((fm, ctx) => {
    const expectedClass = `${Math.floor(fm.code / 100)}xx`;
    if (fm.class !== expectedClass) {
      ctx.addIssue({
        code: 'custom',
        path: ['class'],
        message: `expected "${expectedClass}" for code ${fm.code}, received "${fm.class}"`,
      });
    }
    if (fm.status === 'unofficial' && fm.emitters.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['emitters'], message: 'expected at least one emitter for an unofficial code' });
    }
    if (fm.status !== 'unofficial' && fm.spec.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['spec'], message: 'expected at least one specification for a registered code' });
    }
    // A review that did not read the page's own specifications is not one.
    for (const name of new Set(fm.spec.map((spec) => ('rfc' in spec ? `RFC ${spec.rfc}` : spec.draft)))) {
      if (!fm.sources.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['sources'], message: `expected "${name}" (cited in spec) among the sources` });
      }
    }
    if (fm.reviewed > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: 'custom', path: ['reviewed'], message: 'expected a date that is not in the future' });
    }
    fm.related.forEach((related, index) => {
      if (related.code === fm.code) {
        ctx.addIssue({ code: 'custom', path: ['related', index, 'code'], message: 'a page cannot be related to itself' });
      }
    });
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;
