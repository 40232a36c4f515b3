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
