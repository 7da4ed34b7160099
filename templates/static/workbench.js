/* Canvass workbench: every change (rename, accept, move, split, undo...) is sent without leaving the page, and a
   code can be dragged onto a theme to move it. Without this script the same forms post and the page reloads.
   Plain browser JavaScript, no framework. */
(function () {
  'use strict';
  var main = document.querySelector('main');
  if (!main) return;

  /* Posts the form as the browser would, follows the server's redirect back here, and swaps in the new page. */
  function sendInPlace(form) {
    var scroll = window.scrollY;
    var focusId = document.activeElement && document.activeElement.id;
    var before = version();
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      body: new URLSearchParams(new FormData(form)),
    })
      .then(function (response) {
        if (!response.ok) return refused(response);
        if (response.redirected && new URL(response.url).pathname !== window.location.pathname) {
          window.location.assign(response.url);
          return;
        }
        return response.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var next = doc.querySelector('main');
          if (!next) throw new Error('no page');
          main.innerHTML = next.innerHTML;
          document.title = doc.title;
          window.scrollTo(0, scroll);
          var again = focusId && document.getElementById(focusId);
          if (again) again.focus();
          announce(before);
        });
      })
      .catch(function () {
        form.submit();
      });
  }

  /* Text the researcher typed and has not saved (a definition, a new name), by field id, to carry over. */
  function typed() {
    var kept = [];
    main
      .querySelectorAll('form textarea[id], form input[id]:not([type]), form input[id][type="text"]')
      .forEach(function (field) {
        if (field.value !== field.defaultValue) kept.push({ id: field.id, value: field.value });
      });
    return kept;
  }

  /* A change refused (someone else changed the same thing first, or a name is taken): the page is brought up to
     what is saved, the researcher's typed text is put back, and the reason stays on screen until the next change.
     Replacing the page with the error, as before, threw away what they had typed. */
  function refused(response) {
    var kept = typed();
    return response.text().then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var heading = doc.querySelector('main h1');
      var detail = doc.querySelector('main .issues li');
      var reason =
        response.status === 409
          ? 'someone else changed this meanwhile, and the page now shows what they saved'
          : detail
            ? detail.textContent.replace(/^[^:]*: /, '')
            : heading
              ? heading.textContent
              : 'the change was refused';
      return fetch(window.location.href, { credentials: 'same-origin' })
        .then(function (current) {
          return current.text();
        })
        .then(function (page) {
          var doc = new DOMParser().parseFromString(page, 'text/html');
          var next = doc.querySelector('main');
          if (next) main.innerHTML = next.innerHTML;
          document.title = doc.title;
          var restored = 0;
          kept.forEach(function (field) {
            var again = document.getElementById(field.id);
            if (again && main.contains(again)) {
              again.value = field.value;
              restored += 1;
            }
          });
          clearTimeout(announce.timer);
          status.textContent =
            'Not saved: ' + reason + '.' + (restored ? ' What you typed is still there: check it and save again.' : '');
        });
    });
  }

  /* Says what the change did, from the newest line of the page's change list (the page does not reload). Made when
     the page loads: a live region already there is read out when its text changes. */
  var status = document.createElement('p');
  status.id = 'change-status';
  status.className = 'change-status';
  status.setAttribute('role', 'status');
  document.body.appendChild(status);
  function newestChange() {
    var newest = main.querySelector('#history ~ table tbody tr td:last-child');
    return newest ? newest.textContent : null;
  }
  /* The coding's version, which every saved change moves on: the forms carry it. */
  function version() {
    var field = main.querySelector('input[name="version"]');
    return field ? field.value : null;
  }
  /* A form sent as it was (a theme renamed to its own name) saves nothing: the version stays where it was. (A
     refused change is said by `refused`.) */
  function announce(before) {
    var newest = newestChange();
    status.textContent =
      before !== null && version() === before
        ? 'Nothing to save: it was already so.'
        : 'Saved: ' + (newest || 'the change');
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () {
      status.textContent = '';
    }, 6000);
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (
      !(form instanceof HTMLFormElement) ||
      form.method.toLowerCase() !== 'post' ||
      !/\/coding\/[^/]+\/(op|undo|suggest)$/.test(form.action)
    )
      return;
    event.preventDefault();
    sendInPlace(form);
  });

  /* Drag a code (its row) onto a theme card: the board's hidden "move code" form is filled in and sent. */
  document.addEventListener('dragstart', function (event) {
    var row = event.target.closest && event.target.closest('[data-code]');
    if (row) event.dataTransfer.setData('text/plain', row.getAttribute('data-code'));
  });
  document.addEventListener('dragover', function (event) {
    if (event.target.closest && event.target.closest('[data-theme]')) event.preventDefault();
  });
  document.addEventListener('drop', function (event) {
    var card = event.target.closest && event.target.closest('[data-theme]');
    var code = event.dataTransfer.getData('text/plain');
    if (!card || !code) return;
    event.preventDefault();
    var form = document.getElementById('move-code-form');
    if (!form) return;
    form.elements.code.value = code;
    form.elements.theme.value = card.getAttribute('data-theme');
    sendInPlace(form);
  });
})();
