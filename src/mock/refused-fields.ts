const CONNECTION = 'it manages the connection hop by hop (RFC 9110 §7.6.1), which only the server may do';
const FRAMING = 'the server frames each message from the body it sends (RFC 9112 §6); a second framing would desynchronise the connection';

/**
 * Response fields `?header=` may not set, each with the reason the 400 gives. Everything else is sent as asked,
 * replacing a field of the same name that the mock would have sent.
 */
export const REFUSED_FIELDS: ReadonlyMap<string, string> = new Map([
  ['connection', CONNECTION],
  ['keep-alive', CONNECTION],
  ['proxy-connection', CONNECTION],
  ['te', 'TE is a request field (RFC 9110 §10.1.4); in a response it would mean nothing'],
  ['trailer', 'the mock sends no trailer section for a Trailer field to announce (RFC 9110 §6.6.2)'],
  ['upgrade', 'a protocol switch is what /status/101 does for real, over HTTP/1.1 (RFC 9110 §7.8)'],
  ['transfer-encoding', FRAMING],
  ['content-length', FRAMING],
  [
    'content-encoding',
    'the mock sends its body unencoded, and clients would try to decode it (RFC 9110 §8.4); use a plain X- field to test a client',
  ],
  ['host', 'Host is a request field (RFC 9110 §7.2); in a response it would mean nothing'],
  ['date', "Date is the origin server's clock, which it sets on every response (RFC 9110 §6.6.1)"],
  [
    'set-cookie',
    'a cookie set by a public mock would be stored by browsers for the whole origin that serves this site; the mock sets no cookies',
  ],
]);
