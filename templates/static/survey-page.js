/* Canvass survey page: renders a SurveyJS survey, keeps progress on this device, saves partial answers as the
   respondent moves between pages and submits once on completion. Where the server sent the first page as a plain
   form, SurveyJS is only fetched at first and runs when the respondent presses Next, so that a slow phone shows a
   page it can answer at once. Plain browser JavaScript, no build step. */
/* global Survey */
(function () {
  'use strict';
  var definition = JSON.parse(document.getElementById('survey-definition').textContent);
  var settings = JSON.parse(document.getElementById('survey-settings').textContent);
  var storageKey = 'canvass:' + settings.slug;

  function readState() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || 'null');
    } catch (e) {
      return null;
    }
  }
  function writeState(state) {
    state.savedAt = Date.now();
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      /* private mode: no resume */
    }
  }
  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }

  /* Numbers as a respondent types them: "2.5", and "2,5" as written where the comma is the decimal mark. A comma
     before exactly three digits ("1,500") could be a thousands separator, so it is not guessed at: the text stays
     as typed and is refused in the words of the question's numeric validator. Anything else that is not a plain
     number also stays text, and is refused the same way. */
  function parseNumber(raw) {
    var text = String(raw).trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return Number(text);
    var comma = /^([-+]?\d*),(\d+)$/.exec(text);
    if (comma && !(comma[1].replace(/[-+]/, '') !== '' && comma[2].length === 3))
      return Number(comma[1] + '.' + comma[2]);
    return raw;
  }

  /* Number questions are shown as text boxes with a decimal keypad (as GOV.UK's design system advises): Chromium's
     <input type="number"> reads "2,5" as 25 in an English page, taking the comma for a thousands separator. Their
     range is checked by a numeric validator, the survey's own when it has one, so the respondent reads the
     survey's wording rather than SurveyJS's "The value should not be greater than 80". */
  var numberQuestions = {};
  (function textBoxesForNumbers(elements) {
    (elements || []).forEach(function (element) {
      if (element.elements) textBoxesForNumbers(element.elements);
      if (element.type !== 'text' || element.inputType !== 'number') return;
      element.inputType = 'text';
      var validators = element.validators || [];
      var numeric = validators.filter(function (v) {
        return v.type === 'numeric';
      })[0];
      if (!numeric) validators.push((numeric = { type: 'numeric' }));
      // What to say of text that is not a number (SurveyJS's numeric validator reads "1,500" as 1.5).
      numberQuestions[element.name] = { text: typeof numeric.text === 'string' ? numeric.text : null };
      // Read at each keystroke, "1,5" on the way to "1,500" would be put back in the box as 1.5.
      element.textUpdateMode = 'onBlur';
      ['min', 'max'].forEach(function (limit) {
        if (typeof element[limit] !== 'number') return;
        if (typeof numeric[limit + 'Value'] !== 'number') numeric[limit + 'Value'] = element[limit];
        delete element[limit];
      });
      element.validators = validators;
    });
  })(
    [].concat.apply(
      [],
      (definition.pages || [definition]).map(function (page) {
        return page.elements || [];
      }),
    ),
  );

  var state = readState();
  /* On a shared PC, an abandoned response's answers do not outlive the survey's retention period. */
  var keepMs = (settings.keepDays || 30) * 24 * 60 * 60 * 1000;
  if (state && !state.completed && !(state.savedAt > Date.now() - keepMs)) {
    state = null;
    try {
      window.localStorage.removeItem(storageKey);
    } catch (e) {
      /* private mode */
    }
  }
  if (state && state.completed) {
    // Hidden, not emptied: the survey's screen-high space would push the notice below the fold on a phone.
    document.getElementById('survey').hidden = true;
    var notice = document.getElementById('already-complete');
    notice.hidden = false;
    document.getElementById('start-again').addEventListener('click', function () {
      writeState({ id: newId(), data: {}, pageNo: 0, completed: false });
      window.location.reload();
    });
    return;
  }
  if (!state || !state.id) state = { id: newId(), data: {}, pageNo: 0, completed: false };

  var messages = settings.messages;
  var main = document.getElementById('main');
  var container = document.getElementById('survey');
  var statusBox = document.getElementById('save-status');
  var statusText = document.getElementById('save-status-text');
  var statusIssues = document.getElementById('save-status-issues');
  var action = document.getElementById('save-status-action');
  var actionRun = null;
  action.addEventListener('click', function () {
    if (actionRun) actionRun();
  });

  /* The one message about the answers, with at most one control (text null: no message). */
  function tell(kind, text, control, issues) {
    statusBox.hidden = !text;
    statusBox.className = 'save-status save-status--' + kind;
    statusText.textContent = text || '';
    statusIssues.textContent = '';
    (issues || []).forEach(function (issue) {
      var item = document.createElement('li');
      item.textContent = issue;
      statusIssues.appendChild(item);
    });
    statusIssues.hidden = !(issues && issues.length);
    action.hidden = !control;
    action.textContent = control ? control.label : '';
    actionRun = control ? control.run : null;
  }

  /* The survey's title and description belong to its first page; later pages keep the title for screen readers. */
  function showIntro(onFirstPage) {
    main.classList.toggle('survey-main--later', !onFirstPage);
  }
  if (state.pageNo > 0 || state.submitting) showIntro(false);

  /* Kept on this device until SurveyJS takes over, which then keeps its own state in the same place. */
  var survey = null;

  /* SurveyJS's scripts when the page leaves them for later (the first page is a plain form). */
  var laterScripts = document.getElementById('survey-scripts');
  var scriptUrls = laterScripts ? JSON.parse(laterScripts.textContent) : [];

  /* Fetched, not run, as soon as the respondent starts on the form, or two seconds after the page has loaded
     when the browser is idle, whichever comes first: late enough not to compete with what the respondent sees
     first, early enough that the scripts are there when they press Next. */
  var prefetched = false;
  function prefetchSurveyJs() {
    if (prefetched) return;
    prefetched = true;
    scriptUrls.forEach(function (url) {
      var link = document.createElement('link');
      link.rel = 'prefetch';
      link.as = 'script';
      link.href = url;
      document.head.appendChild(link);
    });
  }

  /* SurveyJS's scripts: already run when the page loaded them (deferred), else loaded now, in order. */
  function withSurveyJs(then, failedToLoad) {
    if (window.Survey) {
      then();
      return;
    }
    var remaining = scriptUrls.length;
    scriptUrls.forEach(function (url) {
      var script = document.createElement('script');
      script.src = url;
      script.async = false;
      script.onload = function () {
        remaining -= 1;
        if (remaining === 0) then();
      };
      script.onerror = function () {
        failedToLoad();
      };
      document.head.appendChild(script);
    });
  }

  /* The first page as the server sent it: answers are kept on this device as they are given, in the form
     SurveyJS would keep them (choice values as the definition has them, numbers as numbers). */
  function answerFirstPage(form) {
    var questions = {};
    (definition.pages[0].elements || []).forEach(function (element) {
      questions[element.name] = element;
    });
    var data = state.data || {};

    function typed(name, raw) {
      var question = questions[name];
      if (raw === '' || !question) return undefined;
      if (question.choices) {
        for (var i = 0; i < question.choices.length; i += 1) {
          var choice = question.choices[i];
          var value = choice !== null && typeof choice === 'object' ? choice.value : choice;
          if (String(value) === raw) return value;
        }
        return undefined;
      }
      if (numberQuestions[name]) return raw.trim() === '' ? undefined : parseNumber(raw);
      return raw;
    }
    function read() {
      Object.keys(questions).forEach(function (name) {
        var control = form.elements.namedItem(name);
        if (!control) return;
        var value = typed(name, control.value);
        if (value === undefined) delete data[name];
        else data[name] = value;
      });
      return data;
    }
    /* SurveyJS's classes for a chosen option (and no hover effect on it), so the form looks as SurveyJS will. */
    function showChecked() {
      Array.prototype.forEach.call(form.querySelectorAll('input[type=radio]'), function (radio) {
        var item = radio.closest('.sd-item');
        item.classList.toggle('sd-item--checked', radio.checked);
        item.classList.toggle('sd-radio--checked', radio.checked);
        item.classList.toggle('sd-item--allowhover', !radio.checked);
        item.classList.toggle('sd-radio--allowhover', !radio.checked);
      });
    }

    Object.keys(questions).forEach(function (name) {
      var control = form.elements.namedItem(name);
      if (control && data[name] !== undefined && data[name] !== null) control.value = String(data[name]);
    });
    showChecked();
    form.addEventListener('change', function () {
      showChecked();
      state.data = read();
      remember();
    });
    form.addEventListener('input', function () {
      state.data = read();
      remember();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      var label = button.textContent;
      button.textContent = messages.loading;
      state.data = read();
      remember();
      withSurveyJs(
        function () {
          tell(null, null, null);
          start(state.data, true);
        },
        function () {
          couldNotLoad();
          button.disabled = false;
          button.textContent = label;
        },
      );
    });
  }

  function couldNotLoad() {
    tell('kept', messages.notLoaded, null);
  }

  /* Once the answers are received, closed or refused for good, nothing more about them is kept from the survey. */
  var finished = false;
  function remember() {
    if (finished) return;
    takeSurveyState();
    writeState(state);
  }
  function takeSurveyState() {
    if (!survey) return;
    state.data = survey.data;
    state.pageNo = survey.currentPageNo;
  }

  /* Seconds or an HTTP date, as Retry-After gives them, in milliseconds; null when absent or unreadable. */
  function retryAfter(header) {
    if (!header) return null;
    var seconds = Number(header);
    var ms = isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    return isFinite(ms) ? Math.max(ms, 1000) : null;
  }

  /* Text reaches survey.data, and so this device, as it is typed (SurveyJS's default is on leaving the box): a
     respondent who closes the tab while typing keeps their words. The server still hears of the answers only as
     pages turn. */
  if (!definition.textUpdateMode) definition.textUpdateMode = 'onTyping';

  function start(data, leavingFirstPage) {
    survey = new Survey.Model(definition);
    survey.data = data;
    if (settings.prefill) {
      var prefilled = survey.getQuestionByName(settings.prefill.question);
      survey.setValue(settings.prefill.question, settings.prefill.value);
      if (prefilled) prefilled.visible = false;
    }
    if (state.pageNo > 0 && state.pageNo < survey.visiblePages.length) survey.currentPageNo = state.pageNo;

    /* Only answers to questions this respondent can see (plus the area from the link): the server refuses
       answers to questions hidden by their conditions. */
    function answers() {
      var data = {};
      survey.getAllQuestions(true).forEach(function (question) {
        var name = question.getValueName();
        var value = survey.getValue(name);
        if (value !== undefined && value !== null && value !== '') data[name] = value;
        var comment = survey.getComment(name);
        if (comment) data[name + '-Comment'] = comment;
      });
      if (settings.prefill) data[settings.prefill.question] = settings.prefill.value;
      return data;
    }

    /* What the server's answer means for the respondent: received; kept on this device and sent again (no
       connection, or the server asked for time: 408, 429, 5xx, after its Retry-After); closed (410); refused
       (any other 4xx, with what was refused, question by question). */
    function send(complete) {
      return fetch(settings.submitUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({ id: state.id, data: answers(), complete: complete }),
      }).then(
        function (response) {
          var status = response.status;
          if (response.ok) return { state: 'received' };
          if (status === 410) return { state: 'closed' };
          if (status === 408 || status === 429 || status >= 500)
            return { state: 'kept', after: retryAfter(response.headers.get('Retry-After')) };
          if (status === 409) return { state: 'already' };
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              var issues = (body.details || []).map(function (detail) {
                var question = survey.getQuestionByName(String(detail.field).replace(/^data\./, ''));
                var title = String(question ? question.processedTitle || question.title : detail.field).trim();
                var message = String(detail.message);
                // "…in this role? Must be at most 80", not "…in this role?: must be at most 80".
                return /[?!.:]$/.test(title)
                  ? title + ' ' + message.charAt(0).toUpperCase() + message.slice(1)
                  : title + ': ' + message;
              });
              if (issues.length === 0 && body.error) issues.push(body.error);
              return { state: 'refused', issues: issues };
            });
        },
        function () {
          return { state: 'kept', offline: true };
        },
      );
    }

    /* Completing: sending -> received | kept (sent again by itself) | closed | refused. The survey's thank-you
       page only shows once the server has the answers. */
    var completing = false;
    var retryTimer = null;
    var backoff = 0;
    function sendWhenOnline() {
      submitAnswers();
    }

    function submitAnswers() {
      clearTimeout(retryTimer);
      window.removeEventListener('online', sendWhenOnline);
      state.submitting = true;
      remember();
      container.hidden = true;
      showIntro(false);
      tell('sending', messages.sending, null);
      send(true).then(function (outcome) {
        if (outcome.state === 'received') received(messages.received);
        else if (outcome.state === 'already') received(messages.alreadyReceived);
        else if (outcome.state === 'closed') closed();
        else if (outcome.state === 'refused') refused(outcome.issues);
        else kept(outcome);
      });
    }
    function received(message) {
      // Only the fact of completion stays on the device, never the answers.
      state = { id: state.id, completed: true };
      writeState(state);
      finished = true;
      completing = true;
      survey.doComplete();
      main.classList.add('survey-main--done');
      container.hidden = false;
      tell('received', message, null);
    }
    function kept(outcome) {
      // Doubling from 5 seconds to 5 minutes when the server gave no time.
      backoff = Math.min(backoff ? backoff * 2 : 5000, 300000);
      retryTimer = setTimeout(
        submitAnswers,
        outcome.after !== null && outcome.after !== undefined ? outcome.after : backoff,
      );
      if (outcome.offline) window.addEventListener('online', sendWhenOnline);
      // When the server asked for time, a button would only ask again sooner.
      var control = outcome.after ? null : { label: messages.retryNow, run: submitAnswers };
      tell('kept', outcome.offline ? messages.offline : messages.busy, control);
    }
    function closed() {
      clearTimeout(retryTimer);
      finished = true;
      try {
        window.localStorage.removeItem(storageKey);
      } catch (e) {
        /* private mode */
      }
      container.hidden = true;
      showIntro(false);
      tell('closed', messages.closed, null);
    }
    function refused(issues) {
      state.submitting = false;
      remember();
      tell(
        'refused',
        messages.refused,
        {
          label: messages.backToAnswers,
          run: function () {
            tell(null, null, null);
            container.hidden = false;
            showIntro(survey.currentPageNo === 0);
          },
        },
        issues,
      );
    }

    survey.onCompleting.add(function (sender, options) {
      if (completing) return;
      options.allow = false;
      submitAnswers();
    });

    survey.onValueChanging.add(function (sender, options) {
      if (numberQuestions[options.name] && typeof options.value === 'string')
        options.value = parseNumber(options.value);
    });
    survey.onValidateQuestion.add(function (sender, options) {
      var number = numberQuestions[options.name];
      // Text still here was not read as a number; say so once, unless the numeric validator already has.
      if (
        number &&
        typeof options.value === 'string' &&
        options.value.trim() !== '' &&
        !(options.errors && options.errors.length)
      ) {
        options.error = number.text || survey.getLocalizationString('numericError');
      }
    });
    survey.onAfterRenderQuestion.add(function (sender, options) {
      var input = numberQuestions[options.question.name] && options.htmlElement.querySelector('input');
      if (input) input.setAttribute('inputmode', 'decimal');
    });
    survey.onValueChanged.add(function () {
      remember();
    });
    /* Boxes SurveyJS still reads only on leaving them (numbers, e-mail, phone and web addresses, the comment box
       of a question other than a choice) are kept on this device as typed, without touching the box itself. */
    container.addEventListener('input', function (event) {
      var box = event.target;
      if (finished || !box.id) return;
      survey.getAllQuestions().forEach(function (question) {
        if (question.isInputTextUpdate) return;
        var key = question.getValueName();
        var value = box.value;
        if (box.id === question.commentId) key += '-Comment';
        else if (box.id !== question.inputId || question.getType() !== 'text') return;
        else if (numberQuestions[question.name]) value = parseNumber(value);
        // One write per keystroke: the survey's answers with this box's text as typed.
        takeSurveyState();
        if (value === '') delete state.data[key];
        else state.data[key] = value;
        writeState(state);
      });
    });
    var partialSaves = Promise.resolve();
    survey.onCurrentPageChanged.add(function () {
      remember();
      showIntro(survey.currentPageNo === 0);
      // A failed partial save is not an error for the respondent: the answers stay on this device and go next
      // time. A closed survey is: there is no point in answering on.
      // One partial save at a time, in the order the pages turned: sent together, an older save ("Previous") could
      // reach the server after a newer one and put back the answer the respondent had just changed.
      partialSaves = partialSaves
        .then(function () {
          return send(false);
        })
        .then(function (outcome) {
          if (outcome.state === 'closed') closed();
        });
    });

    // The page already shows the title and description above the survey; the outline below is replaced.
    survey.showTitle = false;
    // SurveyJS checks the first page as it checks every page: with errors it stays there and shows them.
    if (leavingFirstPage) survey.nextPage();
    showIntro(survey.currentPageNo === 0 && !state.submitting);
    // Answers that were being sent when the page was left are sent again at once.
    if (state.submitting) submitAnswers();
    // Rendering in a task of its own keeps each under the 50 ms that makes a phone feel stuck.
    setTimeout(function () {
      container.textContent = '';
      survey.render(container);
      if (leavingFirstPage) container.scrollIntoView();
    }, 0);
  }

  var firstPage = document.getElementById('first-page');
  if (firstPage && !(state.pageNo > 0) && !state.submitting) {
    answerFirstPage(firstPage);
    ['pointerdown', 'keydown', 'focusin'].forEach(function (type) {
      firstPage.addEventListener(type, prefetchSurveyJs, { once: true, passive: true });
    });
    window.addEventListener('load', function () {
      setTimeout(function () {
        if (window.requestIdleCallback) window.requestIdleCallback(prefetchSurveyJs, { timeout: 2000 });
        else prefetchSurveyJs();
      }, 2000);
    });
  } else {
    // Resuming on a later page: the first page's form is not for answering while SurveyJS loads.
    if (firstPage) firstPage.setAttribute('inert', '');
    withSurveyJs(function () {
      start(state.data || {}, false);
    }, couldNotLoad);
  }
})();
