import { describe, expect, it } from 'vitest';
import { exampleToWire, type ParsedMessage, parseRawResponse } from '../../src/lint/raw-response.js';
import { loadContent } from '../support/content.js';

const has = (message: ParsedMessage, name: string) => message.headers.some(([field]) => field.toLowerCase() === name.toLowerCase());

describe('response examples', async () => {
  const { catalog } = await loadContent();

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))(
    '%i: parses as HTTP/1.1 with its status, MUST headers and framing',
    async (code, entry) => {
      if (entry.wire === null) {
        // The code never reaches the client (nginx 444, 499): the example is the server's log line.
        expect(entry.sections.responseExample.log).toContain(` ${code} `);
        return;
      }
      // Codes the client sees as another status (nginx 494–497 send 400) show the response actually sent.
      const onWire = entry.wire;
      const { wire, body } = exampleToWire(entry.sections.responseExample.http);
      const declared = /^Content-Length:\s*(\d+)\s*$/im.exec(entry.sections.responseExample.http)?.[1];
      if (declared !== undefined && entry.content === 'allowed') {
        expect(Number(declared), `Content-Length says ${declared}, the body has ${body.length} bytes`).toBe(body.length);
      }
      const parsed = await parseRawResponse(wire);
      const messages = [...parsed.interim, parsed.final];
      const own = messages.find((message) => message.status === onWire);
      expect(own, `no message with status ${onWire} in the example`).toBeDefined();
      if (!own) return;

      // 1xx pages show the interim response then a final one; every other page shows exactly one response.
      if (onWire >= 200 || onWire === 101) expect(parsed.final.status).toBe(onWire);
      if (onWire === code) {
        expect([entry.phrase, ...entry.aliases, ...entry.emitters.flatMap((emitter) => emitter.phrase ?? [])]).toContain(own.statusText);
        for (const header of entry.headers.filter((h) => h.level === 'MUST')) {
          expect(has(own, header.name), `${code} example lacks MUST header ${header.name}`).toBe(true);
        }
      }

      // Node's parser read exactly the body that was written: Content-Length neither short nor long.
      expect(parsed.body.toString('utf8')).toBe(body.toString('utf8'));

      if (entry.content === 'forbidden') {
        // A 1xx example ends with the final response, whose content belongs to that final status.
        if (parsed.final.status === code) expect(body.length, 'a response whose status forbids content has a body').toBe(0);
        if (code < 200 || code === 204) {
          // RFC 9110 §8.6 and RFC 9112 §6.1: no Content-Length or Transfer-Encoding in 1xx and 204 responses.
          expect(has(own, 'Content-Length') || has(own, 'Transfer-Encoding')).toBe(false);
        }
      } else if (body.length > 0) {
        expect(has(parsed.final, 'Content-Type'), 'a body without Content-Type').toBe(true);
      }
    },
  );
});

describe('the example checker itself', () => {
  it('rejects a Content-Length longer than the body', async () => {
    await expect(parseRawResponse(exampleToWire('HTTP/1.1 200 OK\nContent-Length: 10\n\nabc').wire)).rejects.toThrow();
  });

  it('rejects a body longer than Content-Length (the rest reads as a malformed next response)', async () => {
    await expect(parseRawResponse(exampleToWire('HTTP/1.1 200 OK\nContent-Length: 2\n\nabc').wire)).rejects.toThrow(/Expected HTTP/);
  });

  it('rejects a field name that is not a token', async () => {
    await expect(parseRawResponse(exampleToWire('HTTP/1.1 200 OK\nBad Name: x\nContent-Length: 0\n').wire)).rejects.toThrow(
      /Invalid header/,
    );
  });

  it('separates interim responses from the final one', async () => {
    const parsed = await parseRawResponse(
      exampleToWire('HTTP/1.1 103 Early Hints\nLink: </a.css>; rel=preload\n\nHTTP/1.1 204 No Content\n').wire,
    );
    expect(parsed.interim.map((m) => m.status)).toEqual([103]);
    expect(parsed.final.status).toBe(204);
  });
});
