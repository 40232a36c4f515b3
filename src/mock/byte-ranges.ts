import parseRange from 'range-parser';

/** The representation that /status/206 serves in parts, 416 measures, and 200 sends whole when Range is ignored. */
export const RANGE_REPRESENTATION = Buffer.from(
  '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*+-.^_|~0123456789abcdefghijklmnop',
);

/** Boundary of multipart/byteranges: a delimiter starts a line, and the representation has no line breaks. */
export const BYTERANGES_BOUNDARY = 'httpstatus-byteranges';

/** More parts than this (after coalescing) is a broken client or an attack (RFC 9110 §14.2, §17.15): ignored. */
const MAX_PARTS = 8;

export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What `/status/206` answers for a request: the parts asked for (206), the whole representation when the Range
 * field is to be ignored (200), or 416 when no range can be satisfied.
 */
export type RangeSelection = { status: 206; parts: ByteRange[]; asked: boolean } | { status: 200; reason: string } | { status: 416 };

export interface RangeRequest {
  method: string;
  range: string | undefined;
  ifRange: string | undefined;
}

/**
 * Applies RFC 9110 §14.2 to a request for /status/206, with jshttp's range-parser (the one Express uses) reading
 * the field. Without a Range field (or on a method other than GET and HEAD, which must ignore it) the mock still
 * answers 206, as asked, with the first half; that part is then its own choice, not a range anybody asked for.
 */
export function selectRanges({ method, range, ifRange }: RangeRequest, validators: { etag: string; lastModified: string }): RangeSelection {
  const length = RANGE_REPRESENTATION.length;
  if (range === undefined || (method !== 'GET' && method !== 'HEAD')) {
    return { status: 206, parts: [{ start: 0, end: Math.floor(length / 2) - 1 }], asked: false };
  }
  // RFC 9110 §13.1.5: a Range made conditional by If-Range applies only while the validator still matches
  // (a strong comparison); otherwise the whole representation is sent.
  if (ifRange !== undefined && ifRange.trim() !== validators.etag && ifRange.trim() !== validators.lastModified) {
    return { status: 200, reason: 'If-Range does not match the current representation (RFC 9110 §13.1.5)' };
  }
  const parsed = parseRange(length, range, { combine: true });
  if (parsed === -2) return { status: 200, reason: 'the Range field is not valid syntax (RFC 9110 §14.1.1), so it is ignored' };
  if (parsed === -1) return { status: 416 };
  if (parsed.type.toLowerCase() !== 'bytes') return { status: 200, reason: `the range unit "${parsed.type}" is not one this server knows` };
  if (parsed.length > MAX_PARTS) return { status: 200, reason: `more than ${MAX_PARTS} separate ranges are ignored (RFC 9110 §14.2)` };
  return { status: 206, parts: parsed.map(({ start, end }) => ({ start, end })), asked: true };
}

/** One part's bytes, or several as multipart/byteranges (RFC 9110 §14.6), with the Content-Type that frames them. */
export function partialContent(
  parts: readonly ByteRange[],
  partType: string,
): { body: Buffer; contentType: string; contentRange?: string } {
  const length = RANGE_REPRESENTATION.length;
  const [only] = parts;
  if (parts.length === 1 && only) {
    return {
      body: RANGE_REPRESENTATION.subarray(only.start, only.end + 1),
      contentType: partType,
      contentRange: `bytes ${only.start}-${only.end}/${length}`,
    };
  }
  const chunks: Buffer[] = [];
  for (const { start, end } of parts) {
    chunks.push(
      Buffer.from(`--${BYTERANGES_BOUNDARY}\r\nContent-Type: ${partType}\r\nContent-Range: bytes ${start}-${end}/${length}\r\n\r\n`),
      RANGE_REPRESENTATION.subarray(start, end + 1),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BYTERANGES_BOUNDARY}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/byteranges; boundary=${BYTERANGES_BOUNDARY}` };
}
