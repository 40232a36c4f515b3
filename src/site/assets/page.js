// Optional enhancements for every page; without JavaScript the page reads the same.
// Copy buttons on code examples:
for (const example of document.querySelectorAll('.example')) {
  const button = example.querySelector('button.copy');
  const code = example.querySelector('pre');
  if (!button || !code || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(code.textContent ?? '');
    button.textContent = 'Copied';
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 1500);
  });
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
