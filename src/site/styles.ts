import { createHash } from 'node:crypto';

/**
 * The whole stylesheet, inlined in every page so that a page renders after one round trip (its hash is in the CSP).
 * System fonts only; colours follow `prefers-color-scheme`.
 */
export const BASE_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--link:#0550ae;--accent:#8250df;
--c1:#0550ae;--c2:#1a7f37;--c3:#7d4e00;--c4:#b35900;--c5:#cf222e;--cu:#6e7781}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--link:#4493f8;--accent:#ab7df8;
--c1:#4493f8;--c2:#3fb950;--c3:#d29922;--c4:#f0883e;--c5:#f85149;--cu:#9198a1}}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}a:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.wrap{max-width:52rem;margin:0 auto;padding:0 1rem}
header.top{border-bottom:1px solid var(--line);padding:.6rem 0}
header.top .wrap{display:flex;gap:1rem;align-items:center;justify-content:space-between;flex-wrap:wrap}
.brand{font-weight:700;text-decoration:none;color:var(--fg)}
form.search{display:flex;gap:.4rem;flex:1;max-width:24rem}
form.search input{flex:1;min-width:0;padding:.45rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}
button{font:inherit;padding:.4rem .8rem;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg);cursor:pointer}
main.wrap{padding:1.2rem 1rem 3rem}main:focus{outline:none}
h1{font-size:2rem;line-height:1.2;margin:.3rem 0 .6rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-top:.4rem;border-top:1px solid var(--line)}
h2 a{color:inherit;text-decoration:none}h2 a:hover::after{content:" #";color:var(--muted)}
.back{display:inline-block;margin-bottom:.6rem}
.eyebrow{color:var(--muted);margin:0;font-size:.9rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-size:.8rem;font-weight:600;margin-right:.3rem}
.k1{color:var(--c1)}.k2{color:var(--c2)}.k3{color:var(--c3)}.k4{color:var(--c4)}.k5{color:var(--c5)}.ku{color:var(--cu)}
.summary{font-size:1.15rem}
form.tool{display:grid;gap:.5rem;margin:1rem 0}form.tool input,form.tool textarea,form.tool select{font:inherit;padding:.45rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
form.tool textarea{min-height:12rem;font-family:ui-monospace,monospace;font-size:.9rem}
ul.findings{list-style:none;padding:0}ul.findings li{border-left:4px solid var(--cu);padding:.3rem .7rem;margin:.5rem 0;background:var(--card)}
ul.findings li.error{border-color:var(--c5)}ul.findings li.warning{border-color:var(--c4)}ul.findings .where{display:block;font-size:.85rem;color:var(--muted)}
ol.hops>li{margin:.8rem 0}.timing{color:var(--muted);font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0;padding:.8rem 1rem;background:var(--card);border-radius:8px}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;min-width:0}ul.emitters,ul.checked-facts{margin:0;padding-left:1.1rem}ul.checked-facts{font-size:.9em}
code{font:.9em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
:not(pre)>code{background:var(--card);padding:.1em .3em;border-radius:4px}
.example{position:relative}
pre.code{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;overflow-x:auto;font-size:.85rem}
.copy{position:absolute;top:.4rem;right:.4rem;font-size:.8rem;padding:.15rem .5rem}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;margin:1rem 0 0}.tabs [role=tab]{font:inherit;padding:.3rem .8rem;border:1px solid var(--line);border-bottom:none;border-radius:6px 6px 0 0;background:transparent;color:inherit;cursor:pointer}.tabs [aria-selected=true]{background:var(--card);font-weight:600}.tabs+.example>pre.code,.tabs~.example>pre.code{margin-top:0}
/* The button sits in a strip above the first line, never over it. */
.example:has(>.copy:not([hidden]))>pre.code{padding-top:2.2rem}
.try{margin:.2rem 0}.try pre.code{margin:0;white-space:pre}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
/* A table wider than the screen scrolls inside its box; the shadows say there is more to either side. */
.table{overflow-x:auto;background:linear-gradient(to right,var(--bg) 30%,transparent) left/2rem 100% no-repeat local,linear-gradient(to left,var(--bg) 30%,transparent) right/2rem 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.3),transparent) left/.8rem 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.3),transparent) right/.8rem 100% no-repeat scroll}
.table td code{white-space:nowrap}
ul.codes{list-style:none;padding:0;margin:0}
ul.codes li{display:grid;grid-template-columns:3.2rem 1fr;gap:.2rem .8rem;padding:.45rem 0;border-bottom:1px solid var(--line)}
ul.codes .num{font-weight:700;font-variant-numeric:tabular-nums}ul.codes .text{min-width:0}
ul.codes .phrase{font-weight:600}ul.codes .sum{display:block;color:var(--muted);font-size:.92rem}
.tag{display:inline-block;max-width:100%;font-size:.75rem;color:var(--muted);border:1px solid var(--line);border-radius:1rem;padding:0 .45rem;margin-left:.3rem}
nav.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:2.5rem}
nav.toc ol{columns:2;padding-left:1.2rem;font-size:.95rem}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:1rem 0 2rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:.5rem;top:-4rem;z-index:10;padding:.5rem .8rem;background:var(--bg);border:2px solid var(--accent);border-radius:6px}
.skip:focus{top:.5rem}
/* Index filters: radio buttons and a checkbox that CSS reads with :has(), so they work without JavaScript. */
fieldset.filters{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center;border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;margin:1rem 0}
fieldset.filters legend{font-weight:600;padding:0 .3rem}fieldset.filters label{white-space:nowrap}
body:has(#only-standard:checked) #groups section:has(>h2#unofficial){display:none}
body:has(#only-unofficial:checked) #groups section:not(:has(>h2#unofficial)){display:none}
body:has(#only-1xx:checked) #groups li:not([data-code^="1"]),body:has(#only-1xx:checked) #groups section:not(:has(li[data-code^="1"])){display:none}
body:has(#only-2xx:checked) #groups li:not([data-code^="2"]),body:has(#only-2xx:checked) #groups section:not(:has(li[data-code^="2"])){display:none}
body:has(#only-3xx:checked) #groups li:not([data-code^="3"]),body:has(#only-3xx:checked) #groups section:not(:has(li[data-code^="3"])){display:none}
body:has(#only-4xx:checked) #groups li:not([data-code^="4"]),body:has(#only-4xx:checked) #groups section:not(:has(li[data-code^="4"])){display:none}
body:has(#only-5xx:checked) #groups li:not([data-code^="5"]),body:has(#only-5xx:checked) #groups section:not(:has(li[data-code^="5"])){display:none}
body:has(#compact:checked) #groups ul.codes{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));column-gap:1.2rem}
body:has(#compact:checked) #groups ul.codes li{padding:.15rem 0;grid-template-columns:2.6rem 1fr;gap:0 .4rem}body:has(#compact:checked) #groups :is(.sum,.tag){display:none}
body:has(#compact:checked) #groups h2{margin-top:1rem}
@media (max-width:40rem){h1{font-size:1.6rem}nav.toc ol{columns:1}dl.facts{grid-template-columns:1fr}}
/* Wide screens: the code page's contents list moves into the margin and stays in view. */
@media (min-width:76rem){.has-toc .wrap{max-width:76rem}
main.has-toc{display:grid;grid-template-columns:minmax(0,52rem) 16rem;column-gap:4rem;align-items:start}
main.has-toc>*{grid-column:1}
main.has-toc>nav.toc{grid-column:2;grid-row:1/span 40;position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow-y:auto;font-size:.9rem;border-left:1px solid var(--line);padding-left:1rem}
main.has-toc>nav.toc ol{columns:1;padding-left:1.1rem;margin:0}}
@media print{header.top,footer,.skip,.copy,.back,nav.toc,nav.pager,fieldset.filters,form.search{display:none!important}
body{font-size:11pt;line-height:1.45}main.wrap{max-width:none;padding:0}a{color:inherit}
pre.code{white-space:pre-wrap;overflow-wrap:anywhere;overflow:visible;padding-top:.8rem!important;border-color:#999}
.table{overflow:visible;background:none}.table td code{white-space:normal;overflow-wrap:anywhere}
h2{break-after:avoid}.example,dl.facts,tr{break-inside:avoid}h2 a:hover::after{content:none}}
`
  .replace(/\n/g, '')
  .trim();

/** `'sha256-…'` source expression that allows exactly this inline stylesheet in a Content-Security-Policy. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}
