'use strict';
// Staff pages whose answers take more than a moment (statistics, comparisons, report downloads) say so while they
// are worked out instead of leaving a blank wait. A form or link marked data-busy="…" shows that sentence with a
// moving bar when used; a link also marked data-download fetches the file here, so the sentence can give way to
// "Downloaded" (or the error) once the file has arrived.
(function () {
  function show(after, text) {
    let status = after.nextElementSibling;
    if (!status || !status.classList.contains('busy')) {
      status = document.createElement('p');
      status.className = 'busy';
      status.setAttribute('role', 'status');
      after.insertAdjacentElement('afterend', status);
    }
    status.textContent = '';
    const bar = document.createElement('progress');
    bar.setAttribute('aria-hidden', 'true');
    status.append(bar, ` ${text}`);
    return status;
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.busy) return;
    show(form, form.dataset.busy);
    form.querySelectorAll('button[type="submit"]').forEach((button) => button.setAttribute('aria-disabled', 'true'));
  });

  document.addEventListener('click', async (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-busy]') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    // Under the line the link is on, not inside it, so the links beside it stay together.
    const status = show(link.closest('p, li, div') ?? link, link.dataset.busy);
    if (!('download' in link.dataset)) return;
    event.preventDefault();
    try {
      const answer = await fetch(link.href);
      // Signed out meanwhile, the file's address sends the browser to the sign-in page, which is no file to save:
      // the reader signs in and comes back to this page (back to the file, they would stay on the sign-in form).
      if (answer.redirected) {
        const signIn = new URL(answer.url);
        signIn.searchParams.set('next', window.location.pathname + window.location.search);
        window.location.href = signIn.href;
        return;
      }
      if (!answer.ok) throw new Error(`${answer.status} ${answer.statusText}`);
      const file = URL.createObjectURL(await answer.blob());
      const save = document.createElement('a');
      save.href = file;
      // The name the server gives the file ("gp-quality-clusters-2024-report-DRAFT.pdf"), else the link's.
      const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(answer.headers.get('Content-Disposition') ?? '');
      save.download = named ? decodeURIComponent(named[1]) : link.getAttribute('href').split('/').pop();
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(file), 60_000);
      status.textContent = `Downloaded ${save.download}.`;
    } catch (error) {
      status.textContent = `The file could not be made: ${error.message}. Please try again.`;
    }
  });
})();
