// The part of jshttp's negotiator 1.x that we use; @types/negotiator describes 0.6, without `preferred`.
declare module 'negotiator' {
  class Negotiator {
    constructor(request: { headers: Record<string, string | string[] | undefined> });
    /** Media types from `available`, most preferred first, by Accept (RFC 9110 §12.5.1). */
    mediaTypes(available?: readonly string[]): string[];
    /** Codings from `available`, most preferred first, by Accept-Encoding; `preferred` breaks ties. */
    encodings(available?: readonly string[], options?: { preferred?: readonly string[] }): string[];
  }
  export default Negotiator;
}
