// What test/catalog/shared-facts.test.ts looks for in a page: tool versions and vendor limits written out.

// Software whose behaviour pages describe; a version of one of them is a dated claim.
const TOOLS = String.raw`curl|nginx|undici|Node(?:\.js)?|Chromium|Chrome|Firefox|Safari|Rack|Rails|Go|Python|httpd|HAProxy|Envoy|Squid|lighttpd|IIS|Puma|Gunicorn|Tomcat|Jetty|OpenSSL|Caddy|Traefik|Varnish|Requests|urllib3|OkHttp`;
const VERSION = new RegExp(String.raw`\b(${TOOLS})\s+v?(\d+(?:\.\d+)*)\b`, 'g');
// Vendors and tools whose limits (timeouts, sizes) pages quote; a limit in the same sentence is that vendor's.
const VENDORS =
  'Cloudflare|curl|nginx|AWS|ALB|CloudFront|API Gateway|Gunicorn|Puma|HAProxy|Envoy|Akamai|Fastly|Azure|Google|IIS|undici|Chromium|Chrome|Firefox|Safari';
const LIMIT = /\b(\d[\d,.]*)[\s-]?(seconds?|s|ms|milliseconds?|minutes?|MiB|KiB|GiB|MB|KB|GB)\b/g;

/**
 * A page's words as its author wrote them: fenced code (examples), fact references and the front matter's list of
 * what the review checked (`sources`, a record rather than a claim) left out.
 */
export function proseOf(source: string): string {
  return source
    .replace(/^sources:\n(?: {2}- .*\n)*/m, '')
    .replace(/```[\s\S]*?```/g, '\n')
    .replace(/\{\{[^{}]*\}\}/g, '(fact)');
}

/** The dated claims and vendor limits a text states outside references: "curl 7.88", "Cloudflare: 100 seconds". */
export function claimsIn(text: string): string[] {
  const claims = new Set<string>();
  for (const sentence of text.split(/(?<=[.!?])\s+|\n{2,}/)) {
    for (const match of sentence.matchAll(VERSION)) claims.add(`${match[1]} ${match[2]}`);
    const vendors = [...sentence.matchAll(new RegExp(String.raw`\b(${VENDORS})\b`, 'g'))];
    for (const match of sentence.matchAll(LIMIT)) {
      // A limit is the vendor's named last before it ("Cloudflare keeps … and CloudFront keeps one for 10 seconds").
      const vendor = vendors.filter((named) => (named.index ?? 0) < (match.index ?? 0)).at(-1)?.[1];
      if (vendor === undefined) continue;
      const unit = (match[2] ?? '').replace(/^s$/, 'seconds').replace(/^second$/, 'seconds');
      claims.add(`${vendor}: ${match[1]} ${unit}`);
    }
  }
  return [...claims];
}
