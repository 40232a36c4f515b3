/**
 * Raw HTTP/2 frames (RFC 9113 §4, §6) for faults that no well-behaved client library will send: a header block cut
 * in the middle, HEADERS and RST_STREAM in one packet. Header blocks use HPACK literals without indexing and without
 * Huffman coding (RFC 7541 §6.2.2), which every decoder must accept.
 */
export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export const FRAME = { DATA: 0x0, HEADERS: 0x1, RST_STREAM: 0x3, SETTINGS: 0x4, GOAWAY: 0x7 } as const;
export const FLAG = { END_STREAM: 0x1, END_HEADERS: 0x4 } as const;

export function frame(type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(9);
  head.writeUIntBE(payload.length, 0, 3);
  head.writeUInt8(type, 3);
  head.writeUInt8(flags, 4);
  head.writeUInt32BE(streamId & 0x7fffffff, 5);
  return Buffer.concat([head, payload]);
}

function hpackString(text: string): Buffer {
  const bytes = Buffer.from(text, 'latin1');
  if (bytes.length >= 127) throw new Error('test header too long for a one-byte HPACK length');
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

/** A header block of literal fields (pseudo-header fields first, as the caller lists them). */
export function headerBlock(fields: ReadonlyArray<readonly [string, string]>): Buffer {
  return Buffer.concat(fields.flatMap(([name, value]) => [Buffer.from([0x00]), hpackString(name), hpackString(value)]));
}

export const settings = () => frame(FRAME.SETTINGS, 0, 0);
export const rstStream = (streamId: number, code = 0x8 /* CANCEL */) => {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(code);
  return frame(FRAME.RST_STREAM, 0, streamId, payload);
};
export const goaway = (lastStreamId = 0, code = 0x0) => {
  const payload = Buffer.alloc(8);
  payload.writeUInt32BE(lastStreamId & 0x7fffffff, 0);
  payload.writeUInt32BE(code, 4);
  return frame(FRAME.GOAWAY, 0, 0, payload);
};

/** A GET request's HEADERS frame for `path` on `authority`. */
export function getRequest(streamId: number, authority: string, path: string, scheme = 'http', method = 'GET', endStream = true): Buffer {
  const block = headerBlock([
    [':method', method],
    [':scheme', scheme],
    [':authority', authority],
    [':path', path],
  ]);
  return frame(FRAME.HEADERS, FLAG.END_HEADERS | (endStream ? FLAG.END_STREAM : 0), streamId, block);
}
