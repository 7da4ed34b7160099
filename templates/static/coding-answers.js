/* Canvass coding page: turns a selection of words in an answer into the offsets the "code the selection" form
   sends, sends it without leaving the page, and offers keys to move between answers. Without this script the
   form still works (offsets typed by hand, a full page post). Plain browser JavaScript, no framework. */
(function () {
  'use strict';
  var form = document.getElementById('span-form');
  if (!form) return;
  var shown = document.getElementById('span-selected');
  var field = function (name) {
    return form.elements.namedItem(name);
  };

  /* Offsets of the selection within one answer's text, in code points (what the API counts by default, and
     REFI-QDA tools too): the answer's text is exactly the page's text there, line breaks read as one LF each. */
  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var container = range.commonAncestorContainer;
    var element = container.nodeType === 1 ? container : container.parentElement;
    var text = element && element.closest('.answer-text');
    if (!text) return null;
    var before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    var from = Array.from(before.toString()).length;
    var words = range.toString();
    return {
      answer: text.getAttribute('data-answer'),
      start: from,
      end: from + Array.from(words).length,
      words: words,
    };
  }

  function update() {
    var span = selectedSpan();
    if (!span || span.end <= span.start) return;
    field('answer').value = span.answer;
    field('start').value = String(span.start);
    field('end').value = String(span.end);
    shown.textContent = 'Selected: \u201c' + span.words + '\u201d';
  }

  /* The code to keep current after a refresh: the one chosen, or the one just made under `label`. */
  function keepCode(value, label) {
    var select = field('code');
    var options = Array.prototype.slice.call(select.options);
    var match = options.filter(function (option) {
      return value ? option.value === value : option.value && option.textContent === label;
    })[0];
    if (match) select.value = match.value;
  }

  /* After a change, the answers, the codes and the version are read again from the page, in place; the current
     code stays current, so the next selection is coded with it too. */
  function refresh(label) {
    var chosen = field('code').value;
    return fetch(window.location.href, { credentials: 'same-origin' })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        ['answers', 'code-panel', 'span-code'].forEach(function (id) {
          var fresh = next.getElementById(id);
          var current = document.getElementById(id);
          if (fresh && current) current.innerHTML = fresh.innerHTML;
        });
        field('version').value = next.querySelector('#span-form [name="version"]').value;
        keepCode(chosen, label);
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var operation = {
      op: 'code-span',
      answer: field('answer').value,
      start: Number(field('start').value),
      end: Number(field('end').value),
      unit: 'code-point',
    };
    if (field('code').value) operation.code = field('code').value;
    else operation.label = field('label').value.trim();
    if (!operation.code && !operation.label) {
      shown.textContent = 'Choose a code, or name a new one, before coding the selection.';
      return;
    }
    fetch(form.getAttribute('data-api'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'x-csrf-token': field('_csrf').value },
      body: JSON.stringify({ version: Number(field('version').value), operation: operation }),
    }).then(
      function (response) {
        if (response.ok) {
          field('label').value = '';
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              return refresh(operation.label).then(function () {
                shown.textContent = body.joined ? body.message + '.' : 'Coded.';
              });
            });
        }
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            var details = (body.details || [])
              .map(function (d) {
                return d.field + ': ' + d.message;
              })
              .join('; ');
            shown.textContent = (body.error || 'Not coded') + (details ? ' (' + details + ')' : '');
          });
      },
      function () {
        shown.textContent = 'Not coded: the server could not be reached. Try again.';
      },
    );
  });

  /* A code in the side panel becomes the current code. */
  document.getElementById('code-panel').addEventListener('click', function (event) {
    var button = event.target.closest('[data-code]');
    if (!button) return;
    field('code').value = button.getAttribute('data-code');
    shown.textContent = 'Current code: ' + button.textContent;
  });

  function moveAnswer(step) {
    var answers = Array.prototype.slice.call(document.querySelectorAll('.answer-text'));
    var at = answers.indexOf(document.activeElement);
    var next = answers[Math.min(answers.length - 1, Math.max(0, at + step))];
    if (next) next.focus();
  }

  document.addEventListener('mouseup', update);
  document.addEventListener('keyup', function (event) {
    if (event.shiftKey || event.key === 'Shift') update();
  });
  document.addEventListener('keydown', function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'n') moveAnswer(1);
    else if (event.key === 'p') moveAnswer(-1);
    else if (event.key === 'c' && field('answer').value) form.requestSubmit();
    else return;
    event.preventDefault();
  });
})();
