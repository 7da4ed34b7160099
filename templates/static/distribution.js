'use strict';
// Copy buttons for the LMC links and the messages for practices: staff paste them into an e-mail. A link is
// selectable text broken for wrapping, which a double click selects only part of ("http").
(function () {
  async function copy(text) {
    // The clipboard API needs a secure page (https or localhost); elsewhere the old way still works.
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    document.body.append(field);
    field.select();
    const done = document.execCommand('copy');
    field.remove();
    if (!done) throw new Error('the browser refused');
  }

  // The status beside each button is on the page from the start: a live region that appears with its text is
  // often not read out.
  function say(button, text) {
    const status = button.nextElementSibling;
    if (status && status.classList.contains('copied')) status.textContent = text;
  }

  document.querySelectorAll('button[data-copy]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const source = document.getElementById(button.dataset.copy);
      const text = 'value' in source ? source.value : source.textContent.trim();
      try {
        await copy(text);
        say(button, 'Copied.');
      } catch (error) {
        say(button, `Not copied (${error.message}): select the text and copy it.`);
      }
    });
  });
})();
