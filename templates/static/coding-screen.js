/* Canvass coding screen: the codebook, a page of answers and the selected answer on one screen. It reads the view
   from /screen/data and changes the coding only through the coding API's operations (the same ones the form
   pages post), then reads the view again. Plain browser JavaScript, no framework. */
(function () {
  'use strict';
  var root = document.getElementById('coding-screen');
  if (!root) return;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var api = root.getAttribute('data-api');
  var dataUrl = root.getAttribute('data-data');
  var csrf = root.getAttribute('data-csrf');
  var view = null;
  var version = Number(root.getAttribute('data-version'));
  var query = { page: 1, show: 'all', code: '', theme: '', role: '', area: '' };
  // A link may open the screen on one selection ("?show=unassigned" from the workbench's left-out answers,
  // "?theme=<id>" from a theme's page, "?code=<id>" from a code in no theme).
  var asked = new URLSearchParams(window.location.search);
  if (['uncoded', 'suggested', 'unassigned'].indexOf(asked.get('show')) >= 0) query.show = asked.get('show');
  query.theme = (asked.get('theme') || '').slice(0, 100);
  query.code = (asked.get('code') || '').slice(0, 100);
  var selected = null; // id of the selected answer
  var current = null; // id of the current code (what "c" applies)
  var treeFocus = null; // id of the tree item that takes the keyboard
  var suggestionAt = 0; // which of the selected answer's suggestions "a" and "r" act on
  var busy = false;
  var remembered = null; // the last words selected in an answer: typing a code's name moves the selection away

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'class') node.className = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false)
        node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function swatch(colour) {
    var s = el('span', { class: 'cs-swatch', 'aria-hidden': 'true' });
    s.style.background = colour;
    return s;
  }
  // The phone layout (coding-screen.css): the answer's panel is sticky at the foot of the screen.
  function onPhoneLayout() {
    return getComputedStyle($('cs-side')).position === 'sticky';
  }

  var toastTimer = null;
  function say(message, isError) {
    var status = $('cs-status');
    status.textContent = message;
    status.classList.toggle('cs-error', Boolean(isError));
    // On a phone the status line has scrolled away while answers are coded: the same words show for a few seconds
    // over the top of the screen (hidden from screen readers, which hear the status line itself).
    var toast = $('cs-toast');
    var box = status.getBoundingClientRect();
    var inView = box.bottom > 0 && box.top < window.innerHeight;
    if (inView || !onPhoneLayout()) {
      toast.hidden = true;
      return;
    }
    toast.textContent = message;
    toast.classList.toggle('cs-error', Boolean(isError));
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.hidden = true;
    }, 4000);
  }

  function allCodes() {
    if (!view) return [];
    var codes = [];
    view.codebook.themes.forEach(function (theme) {
      codes = codes.concat(theme.codes);
    });
    return codes.concat(view.codebook.unthemed);
  }
  function codeById(id) {
    return (
      allCodes().filter(function (code) {
        return code.id === id;
      })[0] || null
    );
  }
  function themeById(id) {
    return view
      ? view.codebook.themes.filter(function (theme) {
          return theme.id === id;
        })[0] || null
      : null;
  }
  function answerById(id) {
    return view
      ? view.answers.filter(function (answer) {
          return answer.id === id;
        })[0] || null
      : null;
  }

  /* ---------- reading and changing ---------- */

  function load() {
    var params = new URLSearchParams();
    Object.keys(query).forEach(function (key) {
      if (query[key]) params.set(key, String(query[key]));
    });
    return fetch(dataUrl + '?' + params.toString(), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (response) {
        if (!response.ok) throw new Error('The coding could not be read (' + response.status + '); reload the page.');
        return response.json();
      })
      .then(function (data) {
        view = data;
        version = data.version;
        query.page = data.page;
        if (!codeById(current)) {
          // Opened on one code's answers (or a theme of one code), that code is the one to code with. Otherwise
          // none until one is chosen: the codebook's first, or a theme's first of several, filled in, was one tap
          // from coding an answer with a code it does not carry.
          var opened = allCodes().filter(function (code) {
            return query.code ? code.id === query.code : query.theme && code.themeId === query.theme;
          });
          current = opened.length === 1 ? opened[0].id : null;
        }
        if (!answerById(selected)) {
          // The first answer with a suggestion still to decide, where there is one: opened again, the screen goes on
          // where the researcher left off rather than at an answer already decided, with nothing to accept.
          var waiting = view.answers.filter(function (answer) {
            return answer.suggestions.length;
          })[0];
          selected = waiting ? waiting.id : view.answers.length ? view.answers[0].id : null;
          suggestionAt = 0;
        }
        if (treeFocus && !codeById(treeFocus) && !themeById(treeFocus)) treeFocus = null;
        render();
      })
      .catch(function (error) {
        say(error.message, true);
      });
  }

  /* Sends one operation as the form pages would (same API, same checks); on success reads the view again. */
  function send(operation, done) {
    if (busy) return Promise.resolve(false);
    busy = true;
    say('Saving…');
    return fetch(api + '/operations', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ version: version, operation: operation }),
    })
      .then(
        function (response) {
          if (response.ok)
            return load().then(function () {
              // A phone has no keys to press: the Undo button says it there.
              say(
                done + (window.matchMedia('(pointer: coarse)').matches ? ' Undo takes it back.' : ' Press u to undo.'),
              );
              return true;
            });
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              var error = body.error || 'Not saved';
              // The error often is its one detail's message: said once, not "X: X".
              var details = (body.details || [])
                .map(function (d) {
                  return d.message;
                })
                .filter(function (message) {
                  return message !== error;
                })
                .join('; ');
              // Someone else saved first: the screen reloads what is saved, so "reload and try again" (and the
              // version number behind it) would ask for what is already done.
              if (response.status === 409)
                return load().then(function () {
                  say(
                    'Not saved: someone else changed this meanwhile. The screen now shows what is saved; do it again if it is still needed.',
                    true,
                  );
                  return false;
                });
              say(error + (details ? ': ' + details : ''), true);
              return false;
            });
        },
        function () {
          say('Not saved: the server could not be reached. Try again.', true);
          return false;
        },
      )
      .then(function (result) {
        busy = false;
        return result;
      });
  }

  function undo() {
    return fetch(api + '/undo', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } }).then(
      function (response) {
        if (response.ok)
          return response.json().then(function (body) {
            return load().then(function () {
              // Undo takes back your latest change wherever it was made (the workbench too): say which.
              say(body.sentence ? 'Undone: you ' + body.sentence + '.' : 'Undone.');
            });
          });
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            say(body.error || 'Nothing undone', true);
          });
      },
    );
  }

  /* ---------- the codebook tree ---------- */

  function treeItems() {
    return Array.prototype.slice.call($('cs-tree').querySelectorAll('[role=treeitem]'));
  }

  /* Counts are read out once, in words, after the name; the figures on screen are not read twice. */
  function count(value) {
    return el('span', { class: 'cs-count', 'aria-hidden': 'true', text: String(value) });
  }
  function counted(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }
  function spoken(thing) {
    return el('span', {
      class: 'visually-hidden',
      text:
        ', ' +
        counted(thing.passages, 'passage', 'passages') +
        ', ' +
        counted(thing.people, 'person', 'people') +
        (thing.waiting ? ', ' + thing.waiting + ' suggested' : '') +
        (thing.status === 'proposed' ? ', proposed' : ''),
    });
  }

  /* Suggestions still waiting, beside the coded counts: a theme the board says many raised is not "0" here alone. */
  function waitingChip(thing) {
    return thing.waiting
      ? el('span', {
          class: 'cs-waiting',
          'aria-hidden': 'true',
          title: thing.waiting + (thing.waiting === 1 ? ' suggestion' : ' suggestions') + ' waiting',
          text: '+' + thing.waiting,
        })
      : null;
  }

  function codeItem(code) {
    var node = el('div', { class: 'cs-node' + (code.status === 'proposed' ? ' cs-is-proposed' : '') }, [
      swatch(code.colour),
      el('span', { class: 'cs-label', text: code.label, title: code.definition || null }),
      spoken(code),
      waitingChip(code),
      count(code.passages),
      count(code.people),
    ]);
    node.setAttribute('draggable', 'true');
    var item = el(
      'li',
      {
        role: 'treeitem',
        'aria-level': '2',
        'data-code': code.id,
        'aria-selected': code.id === current ? 'true' : 'false',
        tabindex: '-1',
      },
      [node],
    );
    return item;
  }

  /* A flat ARIA tree (levels, not nested groups): a theme's name is then its own words, not its codes' too. */
  function renderTree() {
    var tree = $('cs-tree');
    tree.textContent = '';
    var themeItem = function (id, label, thing) {
      return el(
        'li',
        {
          role: 'treeitem',
          'aria-level': '1',
          'data-theme': id,
          'aria-expanded': 'true',
          'aria-selected': 'false',
          tabindex: '-1',
        },
        [
          el(
            'div',
            { class: 'cs-node cs-theme-node' + (thing && thing.status === 'proposed' ? ' cs-is-proposed' : '') },
            [
              el('span', { class: 'cs-label', text: label, title: (thing && thing.definition) || null }),
              thing ? spoken(thing) : null,
              thing ? waitingChip(thing) : null,
              thing ? count(thing.passages) : null,
              thing ? count(thing.people) : null,
            ],
          ),
        ],
      );
    };
    view.codebook.themes.forEach(function (theme) {
      tree.appendChild(themeItem(theme.id, theme.label, theme));
      theme.codes.forEach(function (code) {
        tree.appendChild(codeItem(code));
      });
    });
    if (view.codebook.unthemed.length) {
      tree.appendChild(themeItem('', 'In no theme', null));
      view.codebook.unthemed.forEach(function (code) {
        tree.appendChild(codeItem(code));
      });
    }
    if (!tree.children.length)
      tree.appendChild(
        el('li', {
          role: 'treeitem',
          tabindex: '0',
          'aria-selected': 'false',
          text: 'No codes yet: type a name under "Code this answer as".',
        }),
      );
    markTree();
  }

  /* Which code is current and which item has the keyboard, without building the tree again (a double-click
     needs the same element under both clicks). The one actions button on screen sits on the keyboard's item. */
  function markTree() {
    var tree = $('cs-tree');
    Array.prototype.forEach.call(tree.querySelectorAll('.cs-actions'), function (button) {
      button.remove();
    });
    var items = treeItems();
    items.forEach(function (item) {
      item.setAttribute('tabindex', '-1');
      if (item.hasAttribute('data-code'))
        item.setAttribute('aria-selected', item.getAttribute('data-code') === current ? 'true' : 'false');
    });
    var focusItem =
      items.filter(function (item) {
        return (
          treeFocus !== null &&
          (item.getAttribute('data-code') === treeFocus || item.getAttribute('data-theme') === treeFocus)
        );
      })[0] ||
      tree.querySelector('[aria-selected=true]') ||
      items[0];
    if (!focusItem) return;
    focusItem.setAttribute('tabindex', '0');
    if (focusItem.hasAttribute('data-code') || (focusItem.getAttribute('data-theme') || '') !== '') {
      var name = focusItem.querySelector('.cs-label').textContent;
      focusItem.firstChild.appendChild(
        el('button', {
          type: 'button',
          class: 'cs-actions',
          tabindex: '-1',
          'aria-haspopup': 'menu',
          'aria-label': 'Actions for ' + name,
          'aria-keyshortcuts': 'm',
          text: '⋯',
        }),
      );
    }
  }

  function focusTree(item) {
    if (!item) return;
    treeFocus = item.getAttribute('data-code') || item.getAttribute('data-theme');
    markTree();
    var again = $('cs-tree').querySelector('[tabindex="0"]');
    if (again) again.focus();
  }

  function chooseCode(id) {
    current = id;
    treeFocus = id;
    markTree();
    renderSide();
    var code = codeById(id);
    if (code) say('Current code: ' + code.label + '.');
  }

  $('cs-tree').addEventListener('click', function (event) {
    var actions = event.target.closest('.cs-actions');
    var item = event.target.closest('[role=treeitem]');
    if (!item || event.target.closest('input')) return;
    if (actions) {
      openMenu(item, actions);
      return;
    }
    if (item.hasAttribute('data-code')) chooseCode(item.getAttribute('data-code'));
    else focusTree(item);
    var focused = $('cs-tree').querySelector('[tabindex="0"]');
    if (focused) focused.focus();
  });
  $('cs-tree').addEventListener('dblclick', function (event) {
    var item = event.target.closest('[role=treeitem]');
    if (item && event.target.closest('.cs-label')) renameInPlace(item);
  });
  $('cs-tree').addEventListener('keydown', function (event) {
    if (event.target.tagName === 'INPUT') return;
    var items = treeItems();
    var item = event.target.closest('[role=treeitem]');
    var at = items.indexOf(item);
    var move = function (to) {
      var next = items[Math.max(0, Math.min(items.length - 1, to))];
      if (next) focusTree(next);
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if ((event.key === 'Enter' || event.key === ' ') && item && item.hasAttribute('data-code'))
      chooseCode(item.getAttribute('data-code'));
    else if (event.key === 'F2' && item) renameInPlace(item);
    else if ((event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) && item)
      openMenu(item, item.querySelector('.cs-actions') || item);
    else return;
    event.preventDefault();
    event.stopPropagation();
  });

  /* Rename in place: the label becomes a text box; Enter saves, Escape leaves it as it was. */
  function renameInPlace(item) {
    var isCode = item.hasAttribute('data-code');
    var id = isCode ? item.getAttribute('data-code') : item.getAttribute('data-theme');
    if (!id) return;
    var held = (isCode ? codeById(id) : themeById(id)) || {};
    if (held.heldBy) {
      say(heldText(held), true);
      return;
    }
    var label = item.querySelector('.cs-label');
    var input = el('input', {
      'aria-label': (isCode ? 'New name for code ' : 'New name for theme ') + label.textContent,
      value: label.textContent,
      maxlength: '200',
    });
    label.replaceWith(input);
    input.focus();
    input.select();
    var finished = false;
    var finish = function (save) {
      if (finished) return;
      finished = true;
      var value = input.value.trim();
      treeFocus = id;
      if (save && value && value !== label.textContent) {
        send(
          isCode ? { op: 'rename-code', code: id, label: value } : { op: 'rename-theme', theme: id, label: value },
          'Renamed to “' + value + '”.',
        ).then(function () {
          focusTreeItem(id);
        });
      } else {
        renderTree();
        focusTreeItem(id);
      }
    };
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish(false);
      }
      event.stopPropagation();
    });
    input.addEventListener('blur', function () {
      finish(true);
    });
  }
  function focusTreeItem(id) {
    var item = $('cs-tree').querySelector('[data-code="' + CSS.escape(id) + '"],[data-theme="' + CSS.escape(id) + '"]');
    if (item) {
      treeFocus = id;
      renderTree();
      item = $('cs-tree').querySelector('[tabindex="0"]');
      if (item) item.focus();
    }
  }

  /* Drag a code onto a theme (move) or onto another code (merge into that one). */
  $('cs-tree').addEventListener('dragstart', function (event) {
    var item = event.target.closest && event.target.closest('[data-code]');
    if (item) {
      event.dataTransfer.setData('text/plain', item.getAttribute('data-code'));
      event.dataTransfer.effectAllowed = 'move';
    }
  });
  $('cs-tree').addEventListener('dragover', function (event) {
    var node = event.target.closest && event.target.closest('.cs-node');
    if (!node) return;
    event.preventDefault();
    Array.prototype.forEach.call($('cs-tree').querySelectorAll('.cs-drop'), function (other) {
      if (other !== node) other.classList.remove('cs-drop');
    });
    node.classList.add('cs-drop');
  });
  $('cs-tree').addEventListener('dragleave', function (event) {
    var node = event.target.closest && event.target.closest('.cs-node');
    if (node) node.classList.remove('cs-drop');
  });
  $('cs-tree').addEventListener('drop', function (event) {
    var item = event.target.closest && event.target.closest('[role=treeitem]');
    var dragged = event.dataTransfer.getData('text/plain');
    if (!item || !dragged) return;
    event.preventDefault();
    var code = codeById(dragged);
    if (!code) return;
    if (item.hasAttribute('data-code')) {
      var into = item.getAttribute('data-code');
      if (into === dragged) return renderTree();
      send(
        { op: 'merge-codes', into: into, codes: [dragged] },
        '“' + code.label + '” merged into “' + codeById(into).label + '”.',
      );
    } else {
      var theme = item.getAttribute('data-theme') || null;
      send(
        { op: 'move-code', code: dragged, theme: theme },
        '“' + code.label + '” moved to ' + (theme ? '“' + themeById(theme).label + '”' : 'no theme') + '.',
      );
    }
  });

  /* ---------- the menu of a code or theme ---------- */

  function closeMenu(back) {
    var menu = $('cs-menu');
    if (menu.hidden) return;
    menu.hidden = true;
    menu.textContent = '';
    if (back) {
      var item = $('cs-tree').querySelector('[tabindex="0"]');
      if (item) item.focus();
    }
  }

  function heldText(thing) {
    return (
      '“' +
      thing.label +
      '” is ' +
      thing.heldBy +
      '’s, made coding independently: after the reveal only they change it (apply it, or merge a code of yours into it).'
    );
  }

  function openMenu(item, anchor) {
    var codeId = item.getAttribute('data-code');
    var themeId = item.getAttribute('data-theme');
    var entries;
    if (codeId) {
      var code = codeById(codeId);
      entries = [
        [
          'Rename',
          'e',
          function () {
            renameInPlace(item);
          },
        ],
        [
          'Define…',
          'd',
          function () {
            define('code', code);
          },
        ],
        // A mixed code is renamed before it can be accepted (the server refuses otherwise).
        code.status !== 'accepted' && !code.mixed
          ? [
              'Accept',
              '',
              function () {
                send({ op: 'accept-code', code: codeId }, '“' + code.label + '” accepted.');
              },
            ]
          : null,
        [
          'Show its answers',
          '',
          function () {
            setFilter('code', codeId);
          },
        ],
        [
          'Split…',
          '',
          function () {
            split(code);
          },
        ],
        [
          'Merge into…',
          '',
          function () {
            mergeInto('code', code);
          },
        ],
        [
          'Move to theme…',
          '',
          function () {
            moveTo(code);
          },
        ],
        [
          'Make it a theme',
          '',
          function () {
            send({ op: 'promote-code', code: codeId }, '“' + code.label + '” is now a theme.');
          },
        ],
        [
          'Discard',
          '',
          function () {
            send({ op: 'discard-code', code: codeId }, '“' + code.label + '” discarded.');
          },
          true,
        ],
      ];
    } else if (themeId) {
      var theme = themeById(themeId);
      entries = [
        [
          'Rename',
          'e',
          function () {
            renameInPlace(item);
          },
        ],
        [
          'Define…',
          'd',
          function () {
            define('theme', theme);
          },
        ],
        // A mixed group is renamed before it can be accepted (the server refuses otherwise).
        theme.status !== 'accepted' && !theme.mixed
          ? [
              'Accept',
              '',
              function () {
                send({ op: 'accept-theme', theme: themeId }, 'Theme “' + theme.label + '” accepted.');
              },
            ]
          : null,
        [
          'Merge into…',
          '',
          function () {
            mergeInto('theme', theme);
          },
        ],
        [
          'Discard',
          '',
          function () {
            send({ op: 'discard-theme', theme: themeId }, 'Theme “' + theme.label + '” discarded.');
          },
          true,
        ],
      ];
    } else return;
    // After the reveal a colleague's own code or theme is theirs to change: only what leaves it as it is.
    var held = codeId ? codeById(codeId) : themeById(themeId);
    if (held && held.heldBy)
      entries = entries
        .filter(function (entry) {
          return entry && (entry[0] === 'Show its answers' || entry[0] === 'Split…');
        })
        .concat([
          [
            'Why nothing else?',
            '',
            function () {
              say(heldText(held), false);
            },
          ],
        ]);
    var menu = $('cs-menu');
    menu.textContent = '';
    menu.setAttribute('aria-label', 'Actions for ' + item.querySelector('.cs-label').textContent);
    entries.filter(Boolean).forEach(function (entry) {
      var button = el(
        'button',
        { type: 'button', role: 'menuitem', tabindex: '-1', class: entry[3] ? 'cs-danger' : null },
        [entry[0], entry[1] ? el('kbd', { text: entry[1], 'aria-hidden': 'true' }) : null],
      );
      button.addEventListener('click', function () {
        closeMenu(false);
        entry[2]();
      });
      menu.appendChild(button);
    });
    var box = (anchor || item).getBoundingClientRect();
    menu.hidden = false;
    menu.style.left = Math.min(box.left, window.innerWidth - menu.offsetWidth - 8) + 'px';
    menu.style.top = Math.min(box.bottom + 2, window.innerHeight - menu.offsetHeight - 8) + 'px';
    menu.querySelector('button').focus();
  }
  $('cs-menu').addEventListener('keydown', function (event) {
    var buttons = Array.prototype.slice.call($('cs-menu').querySelectorAll('button'));
    var at = buttons.indexOf(document.activeElement);
    if (event.key === 'ArrowDown') buttons[(at + 1) % buttons.length].focus();
    else if (event.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length].focus();
    else if (event.key === 'Escape' || event.key === 'Tab') closeMenu(true);
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  document.addEventListener('click', function (event) {
    if (!event.target.closest('#cs-menu') && !event.target.closest('.cs-actions')) closeMenu(false);
  });

  /* ---------- small editors (one dialog, filled for each use) ---------- */

  function ask(title, body, okText, onOk) {
    var dialog = $('cs-dialog');
    $('cs-dialog-title').textContent = title;
    var holder = $('cs-dialog-body');
    holder.textContent = '';
    holder.appendChild(body);
    $('cs-dialog-ok').textContent = okText;
    dialog.onclose = function () {
      if (dialog.returnValue === 'ok') onOk();
      var item = $('cs-tree').querySelector('[tabindex="0"]');
      if (item) item.focus();
    };
    dialog.returnValue = '';
    dialog.showModal();
    var first = holder.querySelector('textarea, input, select');
    if (first) first.focus();
  }
  $('cs-dialog-cancel').addEventListener('click', function () {
    $('cs-dialog').close('cancel');
  });

  function define(kind, thing) {
    var area = el('textarea', { id: 'cs-define', rows: '5', maxlength: '2000' });
    area.value = thing.definition || '';
    ask(
      'Define ' + (kind === 'code' ? 'code' : 'theme') + ' “' + thing.label + '”',
      el('div', {}, [el('label', { for: 'cs-define', text: 'What it covers, and what it does not' }), area]),
      'Save definition',
      function () {
        send(
          kind === 'code'
            ? { op: 'define-code', code: thing.id, definition: area.value }
            : { op: 'define-theme', theme: thing.id, definition: area.value },
          'Definition of “' + thing.label + '” saved.',
        );
      },
    );
  }

  function choice(id, labelText, options) {
    var select = el(
      'select',
      { id: id },
      options.map(function (option) {
        return el('option', { value: option[0], text: option[1] });
      }),
    );
    return el('div', {}, [el('label', { for: id, text: labelText }), select]);
  }

  /*
   * Merge a code into another code, or a theme (with its codes) into another theme, as the themes page does: the
   * one chosen takes it. `kind` is 'code' or 'theme'.
   */
  function mergeInto(kind, thing) {
    var theme = kind === 'theme';
    var others = (theme ? view.codebook.themes : allCodes()).filter(function (other) {
      return other.id !== thing.id;
    });
    if (!others.length) return say('There is no other ' + kind + ' to merge into.', true);
    var name = (theme ? 'theme ' : '') + '“' + thing.label + '”';
    var body = choice(
      theme ? 'cs-merge-theme-into' : 'cs-merge-into',
      'Merge ' + name + ' into',
      others.map(function (other) {
        return [other.id, other.label];
      }),
    );
    ask('Merge ' + name, body, 'Merge', function () {
      var into = body.querySelector('select').value;
      send(
        theme
          ? { op: 'merge-themes', into: into, themes: [thing.id] }
          : { op: 'merge-codes', into: into, codes: [thing.id] },
        (theme ? 'Theme ' : '') +
          '“' +
          thing.label +
          '” merged into “' +
          (theme ? themeById : codeById)(into).label +
          '”.',
      );
    });
  }

  function moveTo(code) {
    // Only the places it is not in already: the coding API refuses a move that changes nothing.
    var places = view.codebook.themes
      .map(function (theme) {
        return [theme.id, theme.label];
      })
      .concat([['', 'No theme']])
      .filter(function (place) {
        return place[0] !== (code.themeId || '');
      });
    if (!places.length) return say('There is no other theme to move “' + code.label + '” to.', true);
    var body = choice('cs-move-to', 'Move “' + code.label + '” to', places);
    ask('Move “' + code.label + '”', body, 'Move', function () {
      var theme = body.querySelector('select').value || null;
      send({ op: 'move-code', code: code.id, theme: theme }, '“' + code.label + '” moved.');
    });
  }

  /* Split: tick the passages that belong to a new code. The passages come from the coding API. */
  function split(code) {
    fetch(dataUrl.replace(/\/data$/, '/passages') + '?code=' + encodeURIComponent(code.id), {
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.json();
      })
      .then(
        function (body) {
          var name = el('input', { type: 'text', id: 'cs-split-name', maxlength: '200', required: 'required' });
          var list = el(
            'fieldset',
            { class: 'cs-split-list' },
            [el('legend', { text: 'Passages that go to the new code' })].concat(
              body.passages.map(function (passage) {
                return el('label', {}, [
                  el('input', { type: 'checkbox', value: passage.segment }),
                  ' ',
                  el('strong', { text: passage.answer + (passage.suggested ? ' (suggested)' : '') + ': ' }),
                  '“' + passage.words + '”',
                ]);
              }),
            ),
          );
          ask(
            'Split “' + code.label + '”',
            el('div', {}, [el('label', { for: 'cs-split-name', text: 'Name of the new code' }), name, list]),
            'Split',
            function () {
              var ticked = Array.prototype.map.call(list.querySelectorAll('input:checked'), function (box) {
                return box.value;
              });
              if (!name.value.trim() || !ticked.length)
                return say('Not split: name the new code and tick at least one passage.', true);
              send(
                { op: 'split-code', code: code.id, segments: ticked, label: name.value.trim() },
                '“' + name.value.trim() + '” split off “' + code.label + '”.',
              );
            },
          );
        },
        function () {
          say('The passages could not be read; try again.', true);
        },
      );
  }

  /* ---------- the answers ---------- */

  function renderAnswers() {
    var list = $('cs-answer-list');
    list.textContent = '';
    $('cs-range').textContent = view.matching
      ? view.first +
        '–' +
        view.last +
        ' of ' +
        view.matching +
        (view.matching !== view.counts.answers ? ' shown (' + view.counts.answers + ' in all)' : '')
      : '';
    if (!view.answers.length)
      list.appendChild(el('li', { class: 'cs-empty', text: 'No answers match these filters.' }));
    view.answers.forEach(function (answer) {
      var text = el('p', { class: 'cs-answer-text' });
      answer.pieces.forEach(function (piece) {
        if (!piece.codes.length && !piece.suggested.length) {
          text.appendChild(document.createTextNode(piece.text));
          return;
        }
        var span = el('span', {
          class: (piece.codes.length ? 'cs-coded' : '') + (piece.suggested.length ? ' cs-suggested' : ''),
        });
        span.textContent = piece.text;
        var colours = piece.codes.map(function (id) {
          return (codeById(id) || { colour: '#999' }).colour;
        });
        if (colours.length) {
          // One 3px underline per code, stacked upwards from the bottom of the line box.
          span.style.backgroundImage = colours
            .map(function (c) {
              return 'linear-gradient(' + c + ',' + c + ')';
            })
            .join(',');
          span.style.backgroundSize = colours
            .map(function () {
              return '100% 3px';
            })
            .join(',');
          span.style.backgroundPosition = colours
            .map(function (_, i) {
              return '0 calc(100% - ' + i * 4 + 'px)';
            })
            .join(',');
          span.style.paddingBottom = colours.length * 4 - 2 + 'px';
        }
        if (piece.suggested.length)
          span.style.textDecorationColor = (codeById(piece.suggested[0]) || { colour: '#999' }).colour;
        var names = piece.codes.map(function (id) {
          return (codeById(id) || { label: id }).label;
        });
        var maybe = piece.suggested.map(function (id) {
          return (codeById(id) || { label: id }).label + ' (suggested)';
        });
        span.title = names.concat(maybe).join('; ');
        text.appendChild(span);
      });
      var margin = el(
        'div',
        { class: 'cs-margin', 'aria-hidden': 'true' },
        answer.codes.map(function (code) {
          var bar = el('span', { title: code.label });
          bar.style.background = code.colour;
          return bar;
        }),
      );
      // One chip per code: a code suggested for two sentences of the answer is one suggestion to read here (the
      // answer's panel lists each passage to decide on).
      var seenCodes = {};
      var distinct = answer.suggestions.filter(function (s) {
        if (seenCodes[s.code]) return false;
        seenCodes[s.code] = true;
        return true;
      });
      var chips = distinct.length
        ? el(
            'div',
            { class: 'cs-chips' },
            distinct.map(function (s) {
              var chip = el('span', {
                class: 'cs-chip',
                text: 'Suggested: ' + s.label + (s.confidence ? ' · ' + s.confidence : ''),
              });
              chip.style.borderColor = s.colour;
              return chip;
            }),
          )
        : null;
      var coded = answer.codes.length
        ? el('span', {
            class: 'visually-hidden',
            text:
              'Coded: ' +
              answer.codes
                .map(function (c) {
                  return c.label;
                })
                .join('; ') +
              '.',
          })
        : null;
      var item = el(
        'li',
        {
          class: 'cs-answer',
          'data-answer': answer.id,
          tabindex: answer.id === selected ? '0' : '-1',
          'aria-current': answer.id === selected ? 'true' : null,
          'aria-labelledby': 'cs-name-' + answer.number,
        },
        [
          margin,
          el('p', { class: 'cs-answer-name', id: 'cs-name-' + answer.number, text: answer.name }),
          text,
          coded,
          chips,
        ],
      );
      list.appendChild(item);
    });
    $('cs-page').textContent = 'Page ' + view.page + ' of ' + view.pages;
    $('cs-previous').disabled = view.page <= 1;
    $('cs-next').disabled = view.page >= view.pages;
  }

  function select(id, focus) {
    if (id !== selected) suggestionAt = 0;
    if (remembered && remembered.answer !== id) remembered = null;
    selected = id;
    Array.prototype.forEach.call($('cs-answer-list').querySelectorAll('.cs-answer'), function (item) {
      var on = item.getAttribute('data-answer') === id;
      item.setAttribute('tabindex', on ? '0' : '-1');
      if (on) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
      if (on && focus) {
        item.focus();
        item.scrollIntoView({ block: 'nearest' });
      }
    });
    renderSide();
    // After the panel has taken its new content's height.
    requestAnimationFrame(function () {
      keepClearOfPanel($('cs-answer-list').querySelector('.cs-answer[aria-current]'));
    });
  }

  // On a phone the answer's panel sits over the foot of the screen (sticky): an answer tapped or walked to there
  // moves up above it, so that the words being coded are not under the buttons that code them.
  function keepClearOfPanel(item) {
    if (!item || !onPhoneLayout()) return;
    var top = $('cs-side').getBoundingClientRect().top;
    var box = item.getBoundingClientRect();
    var by = Math.min(box.bottom - top + 8, box.top - 8);
    if (box.bottom > top && by > 0) window.scrollBy({ top: by, behavior: 'smooth' });
  }

  function moveAnswer(step) {
    if (!view || !view.answers.length) return;
    var ids = view.answers.map(function (answer) {
      return answer.id;
    });
    var at = ids.indexOf(selected);
    var next = at + step;
    if (next >= ids.length && view.page < view.pages) return goPage(view.page + 1, 'first');
    if (next < 0 && view.page > 1) return goPage(view.page - 1, 'last');
    select(ids[Math.max(0, Math.min(ids.length - 1, next))], true);
  }

  function goPage(page, which) {
    query.page = page;
    selected = null;
    return load().then(function () {
      if (which === 'last' && view.answers.length) select(view.answers[view.answers.length - 1].id, true);
      else if (view.answers.length) select(view.answers[0].id, true);
    });
  }

  $('cs-answer-list').addEventListener('click', function (event) {
    var item = event.target.closest('.cs-answer');
    if (!item) return;
    var selection = window.getSelection();
    if (item.getAttribute('data-answer') !== selected)
      select(item.getAttribute('data-answer'), !(selection && !selection.isCollapsed));
    else keepClearOfPanel(item);
  });
  document.addEventListener('selectionchange', function () {
    var span = selectedWords();
    var selection = window.getSelection();
    var anchor = selection && selection.anchorNode;
    var inAnswers = anchor && (anchor.nodeType === 1 ? anchor : anchor.parentElement).closest('#cs-answer-list');
    if (span) remembered = span;
    else if (inAnswers) remembered = null;
    if (span && span.answer !== selected) select(span.answer, false);
    updateCodeLabel();
  });

  /* The selected words as offsets in the answer: the answer's text element holds exactly the answer's text. */
  function selectedWords() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var container = range.commonAncestorContainer;
    var element = container.nodeType === 1 ? container : container.parentElement;
    var text = element && element.closest('.cs-answer-text');
    if (!text) return null;
    var before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    var words = range.toString();
    // Leading and trailing spaces of a drag are not part of what was meant.
    var lead = words.length - words.replace(/^\s+/, '').length;
    var trimmed = words.trim();
    if (!trimmed) return null;
    return {
      answer: text.closest('.cs-answer').getAttribute('data-answer'),
      start: start + lead,
      end: start + lead + trimmed.length,
      words: trimmed,
    };
  }

  /* ---------- the selected answer ---------- */

  function updateCodeLabel() {
    var span = remembered;
    $('cs-code-what').textContent = span
      ? 'Code “' + (span.words.length > 40 ? span.words.slice(0, 40) + '…' : span.words) + '” as'
      : 'Code this answer as';
  }

  function renderSide() {
    var body = $('cs-side-body');
    body.textContent = '';
    var answer = answerById(selected);
    var code = codeById(current);
    $('cs-code-input').value = code ? code.label : '';
    $('cs-code-names').textContent = '';
    allCodes().forEach(function (c) {
      $('cs-code-names').appendChild(el('option', { value: c.label }));
    });
    $('cs-side-title').textContent = answer ? answer.name : 'Selected answer';
    $('cs-side-summary').textContent = answer ? sideSummary(answer) : '';
    if (!answer) {
      body.appendChild(el('p', { class: 'small', text: 'Select an answer to see its codes and suggestions.' }));
      renderMemos(null);
      return;
    }
    body.appendChild(el('h3', { text: 'Codes' }));
    body.appendChild(
      answer.codes.length
        ? el(
            'ul',
            {},
            answer.codes.map(function (c) {
              return el('li', {}, [
                swatch(c.colour),
                el('span', { class: 'cs-label', text: c.label }),
                // Coded independently, whose coding each is; only one's own can be removed.
                view.independent && c.by.length
                  ? el('span', { class: 'cs-by small', text: ' ' + c.by.join(', ') })
                  : null,
                c.passages.length
                  ? el('button', {
                      type: 'button',
                      class: 'cs-quiet cs-small',
                      'data-remove': c.id,
                      'aria-label': 'Remove ' + c.label + ' from this answer',
                      text: 'Remove',
                    })
                  : null,
              ]);
            }),
          )
        : el('p', { class: 'small', text: 'Not coded yet.' }),
    );
    if (answer.suggestions.length) {
      if (suggestionAt >= answer.suggestions.length) suggestionAt = 0;
      body.appendChild(el('h3', { text: 'Suggestions' }));
      body.appendChild(
        el(
          'ul',
          {},
          answer.suggestions.map(function (s, index) {
            var item = el('li', { class: 'cs-suggestion', 'aria-current': index === suggestionAt ? 'true' : null }, [
              swatch(s.colour),
              el('span', {
                class: 'cs-label',
                text: s.label + ' · ' + (s.confidence ? s.confidence + ' sure' : 'proposed with the themes'),
              }),
              el('button', {
                type: 'button',
                class: 'cs-small',
                'data-accept': String(index),
                'aria-label': 'Accept ' + s.label,
                'aria-keyshortcuts': index === suggestionAt ? 'a' : null,
                text: 'Accept',
              }),
              el('button', {
                type: 'button',
                class: 'cs-quiet cs-small',
                'data-reject': String(index),
                'aria-label': 'Reject ' + s.label,
                'aria-keyshortcuts': index === suggestionAt ? 'r' : null,
                text: 'Reject',
              }),
              el('span', {
                class: 'cs-evidence',
                text:
                  'On “' +
                  (s.words.length > 90 ? s.words.slice(0, 90) + '…' : s.words) +
                  '”' +
                  (s.evidence ? ' · because of: ' + s.evidence : ''),
              }),
            ]);
            item.style.borderColor = s.colour;
            return item;
          }),
        ),
      );
    }
    renderMemos(answer);
    updateCodeLabel();
  }

  /* What the panel holds, said beside its title: all a phone shows of it while it is hidden. */
  function sideSummary(answer) {
    var parts = [];
    if (answer.codes.length) parts.push(answer.codes.length + (answer.codes.length === 1 ? ' code' : ' codes'));
    if (answer.suggestions.length)
      parts.push(answer.suggestions.length + (answer.suggestions.length === 1 ? ' suggestion' : ' suggestions'));
    return parts.length ? parts.join(' · ') : 'not coded yet';
  }

  /* On a phone the filters and the selected answer's panel each fold away behind a button, so that the answers
     they sit above and below keep most of the screen (the buttons are not shown on a wider screen). */
  function foldable(button, names, show) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? names.open : names.folded;
      show(open);
    });
  }
  foldable($('cs-filters-toggle'), { open: 'Hide filters', folded: 'Filter answers' }, function (open) {
    $('cs-filters').classList.toggle('cs-unfolded', open);
  });
  foldable($('cs-side-toggle'), { open: 'Hide', folded: 'Show' }, function (open) {
    $('cs-side').classList.toggle('cs-folded', !open);
  });

  /* Memos belong to the question; one written here starts with the answer's name, and is listed with it. */
  function renderMemos(answer) {
    var holder = $('cs-memos');
    holder.textContent = '';
    $('cs-memo-form').hidden = !answer;
    if (!answer) return;
    var prefix = answer.name + ': ';
    var mine = view.memos.filter(function (memo) {
      return memo.text.indexOf(prefix) === 0;
    });
    if (mine.length)
      holder.appendChild(
        el(
          'ul',
          { class: 'cs-memo-list' },
          mine.map(function (memo) {
            return el('li', { text: memo.text.slice(prefix.length) + ' (' + memo.by + ')' });
          }),
        ),
      );
  }

  $('cs-side-body').addEventListener('click', function (event) {
    var answer = answerById(selected);
    if (!answer) return;
    var button = event.target.closest('button');
    if (!button) return;
    if (button.hasAttribute('data-accept')) decide(Number(button.getAttribute('data-accept')), true);
    else if (button.hasAttribute('data-reject')) decide(Number(button.getAttribute('data-reject')), false);
    else if (button.hasAttribute('data-remove')) {
      var code = answer.codes.filter(function (c) {
        return c.id === button.getAttribute('data-remove');
      })[0];
      removeCode(answer, code);
    }
  });

  function removeCode(answer, code) {
    var operations = code.passages.map(function (passage) {
      return { op: 'reject-suggestion', segment: passage.segment, code: code.id };
    });
    var chain = Promise.resolve(true);
    operations.forEach(function (operation, index) {
      chain = chain.then(function (ok) {
        return ok
          ? send(
              operation,
              index === operations.length - 1 ? '“' + code.label + '” removed from ' + answer.name + '.' : 'Removing…',
            )
          : false;
      });
    });
  }

  function decide(index, accept) {
    var answer = answerById(selected);
    var suggestion = answer && answer.suggestions[index];
    if (!suggestion) return say('This answer has no suggestion waiting.', true);
    suggestionAt = index;
    send(
      { op: accept ? 'accept-suggestion' : 'reject-suggestion', segment: suggestion.segment, code: suggestion.code },
      (accept ? 'Accepted ' : 'Rejected ') + '“' + suggestion.label + '” on ' + answer.name + '.',
    ).then(function (ok) {
      // Reviewing is a run of single keys: once an answer has no suggestion left, on to the next that has one.
      var now = answerById(selected);
      if (ok && now && !now.suggestions.length) {
        var ids = view.answers.map(function (a) {
          return a.id;
        });
        var next = view.answers.slice(ids.indexOf(selected) + 1).filter(function (a) {
          return a.suggestions.length;
        })[0];
        if (next) return select(next.id, true);
      }
      var item = $('cs-answer-list').querySelector('[aria-current=true]');
      if (item && (document.activeElement === document.body || !document.activeElement)) item.focus();
    });
  }

  function codeSelection() {
    var answer = answerById(selected);
    var name = $('cs-code-input').value.trim();
    if (!answer) return say('Select an answer first.', true);
    if (!name) {
      $('cs-code-input').focus();
      return say('Type or choose a code.', true);
    }
    var span = remembered;
    var text = answer.pieces
      .map(function (piece) {
        return piece.text;
      })
      .join('');
    var where = span && span.answer === answer.id ? span : { start: 0, end: text.length, words: null };
    var existing = allCodes().filter(function (code) {
      return code.label.toLowerCase() === name.toLowerCase();
    })[0];
    var operation = { op: 'code-span', answer: answer.id, start: where.start, end: where.end };
    if (existing) operation.code = existing.id;
    else operation.label = name;
    send(operation, (where.words ? '“' + where.words + '”' : answer.name) + ' coded as “' + name + '”.').then(
      function (ok) {
        if (!ok) return;
        if (!existing) {
          var made = allCodes().filter(function (code) {
            return code.label === name;
          })[0];
          if (made) {
            current = made.id;
            renderTree();
            renderSide();
          }
        }
        window.getSelection().removeAllRanges();
        remembered = null;
        updateCodeLabel();
        var item = $('cs-answer-list').querySelector('[aria-current=true]');
        if (item) item.focus();
      },
    );
  }

  $('cs-code-form').addEventListener('submit', function (event) {
    event.preventDefault();
    codeSelection();
  });
  $('cs-code-input').addEventListener('change', function () {
    var name = $('cs-code-input').value.trim().toLowerCase();
    var match = allCodes().filter(function (code) {
      return code.label.toLowerCase() === name;
    })[0];
    if (match) {
      current = match.id;
      renderTree();
    }
  });
  $('cs-memo-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var answer = answerById(selected);
    var text = $('cs-memo').value.trim();
    if (!answer || !text) return;
    send({ op: 'add-memo', text: answer.name + ': ' + text }, 'Memo saved.').then(function (ok) {
      if (ok) $('cs-memo').value = '';
    });
  });

  /* ---------- filters, pages, help ---------- */

  function fillSelect(select, first, options, value) {
    select.textContent = '';
    select.appendChild(el('option', { value: '', text: first }));
    options.forEach(function (option) {
      select.appendChild(el('option', { value: option[0], text: option[1] }));
    });
    select.value = value;
    // A filter with nothing to choose (answers that carry no role or LMC) is not offered.
    select.parentNode.hidden = options.length === 0 && !value;
  }
  function renderFilters() {
    var form = $('cs-filters');
    form.elements.show.value = query.show;
    // Until two codes are decided on enough answers there is nothing to learn from: the button says so when pressed
    // (a disabled one says nothing on a phone), rather than asking the server for a refusal.
    $('cs-suggest').setAttribute('aria-disabled', view.suggest.ready ? 'false' : 'true');
    fillSelect(
      form.elements.code,
      'Any code',
      allCodes().map(function (code) {
        return [code.id, code.label];
      }),
      query.code,
    );
    fillSelect(
      form.elements.theme,
      'Any theme',
      view.codebook.themes.map(function (theme) {
        return [theme.id, theme.label];
      }),
      query.theme,
    );
    fillSelect(
      form.elements.role,
      'Any role',
      view.filters.roles.map(function (role) {
        return [role, role];
      }),
      query.role,
    );
    fillSelect(
      form.elements.area,
      'Any LMC',
      view.filters.areas.map(function (area) {
        return [area, area];
      }),
      query.area,
    );
  }
  function setFilter(name, value) {
    query[name] = value;
    query.page = 1;
    selected = null;
    load().then(function () {
      say(view.matching + ' answers match.');
    });
  }
  $('cs-filters').addEventListener('change', function (event) {
    setFilter(event.target.name, event.target.value);
  });
  $('cs-filters').addEventListener('submit', function (event) {
    event.preventDefault();
  });
  $('cs-previous').addEventListener('click', function () {
    if (view.page > 1) goPage(view.page - 1);
  });
  $('cs-next').addEventListener('click', function () {
    if (view.page < view.pages) goPage(view.page + 1);
  });
  $('cs-undo').addEventListener('click', undo);
  $('cs-suggest').addEventListener('click', function () {
    if (!view.suggest.ready)
      return say(
        'Not yet: once you have accepted or applied each of two codes or more on ' +
          view.suggest.learnedFrom +
          ' answers, the machine can learn from them and suggest them where they fit.',
      );
    say('Learning from your codes…');
    fetch(api + '/suggest', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } }).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (!response.ok) return say(body.error || 'No suggestions made', true);
            query.show = 'suggested';
            query.page = 1;
            selected = null;
            return load().then(function () {
              say(body.suggested + ' suggestions made: showing the answers that have them.');
            });
          });
      },
      function () {
        say('The server could not be reached. Try again.', true);
      },
    );
  });
  $('cs-help-open').addEventListener('click', function () {
    $('cs-help').showModal();
  });

  function render() {
    renderTree();
    renderAnswers();
    renderSide();
    renderFilters();
  }

  /* ---------- keys ---------- */

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    if (!$('cs-menu').hidden) return;
    if (
      /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(event.target.tagName) &&
      !(event.target.tagName === 'BUTTON' && /^[a-z1-9?[\]]$/.test(event.key))
    )
      return;
    var inTree = $('cs-tree').contains(event.target);
    var focused = inTree ? event.target.closest('[role=treeitem]') : null;
    var codes = allCodes();
    var key = event.key;
    if (key === 'j' || key === 'n') moveAnswer(1);
    else if (key === 'k' || key === 'p') moveAnswer(-1);
    else if (key === ']') {
      if (view.page < view.pages) goPage(view.page + 1);
    } else if (key === '[') {
      if (view.page > 1) goPage(view.page - 1);
    } else if (key === 'c') codeSelection();
    else if (key === 'a') decide(suggestionAt, true);
    else if (key === 'r') decide(suggestionAt, false);
    else if (/^[1-9]$/.test(key) && codes[Number(key) - 1]) chooseCode(codes[Number(key) - 1].id);
    else if (key === 'e' || key === 'F2') {
      var item = focused || $('cs-tree').querySelector('[aria-selected=true]');
      if (item) renameInPlace(item);
    } else if (key === 'd') {
      if (focused && focused.getAttribute('data-theme')) define('theme', themeById(focused.getAttribute('data-theme')));
      else if (codeById(current)) define('code', codeById(current));
    } else if (key === 'm') {
      var target = focused || $('cs-tree').querySelector('[aria-selected=true]');
      if (target) {
        focusTree(target);
        target = $('cs-tree').querySelector('[tabindex="0"]');
        openMenu(target, target.querySelector('.cs-actions'));
      }
    } else if (key === 'g') {
      var tab = $('cs-tree').querySelector('[tabindex="0"]');
      if (tab) tab.focus();
    } else if (key === 'u') undo();
    else if (key === '?') $('cs-help').showModal();
    else return;
    event.preventDefault();
  });

  load();
})();
