// Optional enhancements for every page; without JavaScript the page reads the same.
// Copy buttons on code examples, announced to screen readers through one polite live region:
const announcer = document.createElement('span');
announcer.className = 'visually-hidden';
announcer.setAttribute('role', 'status');
document.body.append(announcer);

for (const example of document.querySelectorAll('.example')) {
  const button = example.querySelector('button.copy');
  const code = example.querySelector('pre');
  if (!button || !code || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      button.textContent = 'Copied';
      announcer.textContent = 'Copied to the clipboard';
    } catch {
      announcer.textContent = 'Copying was refused; select the text instead';
      return;
    }
    setTimeout(() => {
      button.textContent = 'Copy';
      announcer.textContent = '';
    }, 1500);
  });
}

// "Try it" names the mock that `npm start` serves. When this page comes from a server that has the mock too (not a
// static host), the command names this server instead.
const origins = document.querySelectorAll('[data-origin]');
if (origins.length > 0 && location.protocol.startsWith('http') && origins[0]?.textContent !== location.origin) {
  fetch('/status/204', { method: 'HEAD', cache: 'no-store' })
    .then((response) => {
      if (response.status !== 204) return;
      for (const element of origins) element.textContent = location.origin;
    })
    .catch(() => {});
}

// "/" focuses the search box, unless the reader is already typing somewhere.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (event.key !== '/' || typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const box = document.getElementById('q');
  if (!box) return;
  event.preventDefault();
  box.focus();
});

// Server-side examples: without JavaScript every ecosystem's program is shown, one after another; with it they become
// tabs (the WAI-ARIA tabs pattern: arrow keys move between tabs), and the reader's last choice holds on every page.
const LABELS = { ts: 'Node.js', hono: 'Hono', go: 'Go', python: 'Python', nginx: 'nginx' };
const serverSection = document.getElementById('server-side-example')?.closest('section');
const programs = serverSection
  ? [...serverSection.querySelectorAll('.example')].filter((example) => example.querySelector('pre')?.dataset.lang in LABELS)
  : [];
if (serverSection && programs.length > 1) {
  const tablist = document.createElement('div');
  tablist.className = 'tabs';
  tablist.setAttribute('role', 'tablist');
  tablist.setAttribute('aria-label', 'Ecosystem');
  const tabs = programs.map((example, index) => {
    const pre = example.querySelector('pre');
    // Two TypeScript programs are told apart by their first line: `// Hono` is the Hono one.
    const lang = pre?.dataset.lang === 'ts' && pre.textContent?.startsWith('// Hono') ? 'hono' : (pre?.dataset.lang ?? '');
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = `server-tab-${lang}`;
    tab.textContent = LABELS[lang];
    tab.dataset.lang = lang;
    tab.setAttribute('role', 'tab');
    example.id = `server-panel-${lang}`;
    example.setAttribute('role', 'tabpanel');
    example.setAttribute('aria-labelledby', tab.id);
    tab.setAttribute('aria-controls', example.id);
    tab.addEventListener('click', () => select(index, true));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      select((index + step + programs.length) % programs.length, true);
    });
    tablist.append(tab);
    return tab;
  });
  programs[0]?.before(tablist);
  function select(chosen, byReader) {
    tabs.forEach((tab, index) => {
      const selected = index === chosen;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (programs[index]) programs[index].hidden = !selected;
    });
    if (!byReader) return;
    tabs[chosen]?.focus();
    try {
      localStorage.setItem('server-example', tabs[chosen]?.dataset.lang ?? '');
    } catch {}
  }
  let remembered = '';
  try {
    remembered = localStorage.getItem('server-example') ?? '';
  } catch {}
  select(
    Math.max(
      0,
      tabs.findIndex((tab) => tab.dataset.lang === remembered),
    ),
    false,
  );
}
