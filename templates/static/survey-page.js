/* Canvass survey page: renders a SurveyJS survey, keeps progress on this device, saves partial answers as the
   respondent moves between pages and submits once on completion. Where the server sent the first page as a plain
   form, SurveyJS is only fetched at first and runs when the respondent presses Next, so that a slow phone shows a
   page it can answer at once. Plain browser JavaScript, no build step. */
(function () {
  'use strict';
  var definition = JSON.parse(document.getElementById('survey-definition').textContent);
  var settings = JSON.parse(document.getElementById('survey-settings').textContent);
  var storageKey = 'canvass:' + settings.slug;

  function readState() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || 'null'); } catch (e) { return null; }
  }
  function writeState(state) {
    state.savedAt = Date.now();
    try { window.localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: no resume */ }
  }
  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  var state = readState();
  /* On a shared PC, an abandoned response's answers do not outlive the survey's retention period. */
  var keepMs = (settings.keepDays || 30) * 24 * 60 * 60 * 1000;
  if (state && !state.completed && !(state.savedAt > Date.now() - keepMs)) {
    state = null;
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* private mode */ }
  }
  if (state && state.completed) {
    document.getElementById('survey').textContent = '';
    var notice = document.getElementById('already-complete');
    notice.hidden = false;
    document.getElementById('start-again').addEventListener('click', function () {
      writeState({ id: newId(), data: {}, pageNo: 0, completed: false });
      window.location.reload();
    });
    return;
  }
  if (!state || !state.id) state = { id: newId(), data: {}, pageNo: 0, completed: false };

  var statusBox = document.getElementById('save-status');
  var statusText = document.getElementById('save-status-text');
  var retry = document.getElementById('retry-submit');

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
    if (window.Survey) { then(); return; }
    var remaining = scriptUrls.length;
    scriptUrls.forEach(function (url) {
      var script = document.createElement('script');
      script.src = url;
      script.async = false;
      script.onload = function () { remaining -= 1; if (remaining === 0) then(); };
      script.onerror = function () { failedToLoad(); };
      document.head.appendChild(script);
    });
  }

  /* The first page as the server sent it: answers are kept on this device as they are given, in the form
     SurveyJS would keep them (choice values as the definition has them, numbers as numbers). */
  function answerFirstPage(form) {
    var questions = {};
    (definition.pages[0].elements || []).forEach(function (element) { questions[element.name] = element; });
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
      if (question.inputType === 'number') {
        var number = Number(raw);
        return raw.trim() === '' || !isFinite(number) ? raw : number;
      }
      return raw;
    }
    function read() {
      Object.keys(questions).forEach(function (name) {
        var control = form.elements.namedItem(name);
        if (!control) return;
        var value = typed(name, control.value);
        if (value === undefined) delete data[name]; else data[name] = value;
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
    form.addEventListener('change', function () { showChecked(); state.data = read(); remember(); });
    form.addEventListener('input', function () { state.data = read(); remember(); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      button.textContent = 'Loading…';
      state.data = read();
      remember();
      withSurveyJs(function () {
        statusBox.hidden = true;
        start(state.data, true);
      }, function () {
        couldNotLoad();
        button.disabled = false;
        button.textContent = 'Next';
      });
    });
  }

  function couldNotLoad() {
    statusBox.hidden = false;
    statusText.textContent = 'The rest of the survey could not be loaded. Your answers are kept on this device; please check your connection and try again.';
    retry.hidden = true;
  }

  function remember() {
    if (survey) {
      state.data = survey.data;
      state.pageNo = survey.currentPageNo;
    }
    writeState(state);
  }

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

    function send(complete) {
      return fetch(settings.submitUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({ id: state.id, data: answers(), complete: complete })
      }).then(function (response) {
        if (response.ok) return response.json();
        return response.json().catch(function () { return {}; }).then(function (body) {
          var details = (body.details || []).map(function (d) { return d.field + ': ' + d.message; }).join('; ');
          var error = new Error((body.error || 'The server answered ' + response.status) + (details ? ' (' + details + ')' : ''));
          error.status = response.status;
          throw error;
        });
      });
    }

    survey.onValueChanged.add(function () { if (!state.completed) remember(); });
    survey.onCurrentPageChanged.add(function () {
      remember();
      // A failed partial save is not an error for the respondent: the answers stay on this device and go next time.
      send(false).catch(function () {});
    });

    /* Only the fact of completion stays on the device, never the answers. */
    function submitted() {
      state = { id: state.id, completed: true };
      writeState(state);
    }
    function failed(error) {
      statusBox.hidden = false;
      statusText.textContent = 'Your answers have not been sent yet: ' + error.message +
        '. They are kept on this device; please check your connection and try again.';
      retry.hidden = error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
    }

    survey.onComplete.add(function (sender, options) {
      remember();
      options.showSaveInProgress('Sending your answers…');
      send(true).then(function () {
        options.showSaveSuccess('Your answers have been received.');
        submitted();
      }, function (error) {
        options.showSaveError('Your answers could not be sent.');
        failed(error);
      });
    });

    retry.addEventListener('click', function () {
      statusText.textContent = 'Sending your answers…';
      retry.hidden = true;
      send(true).then(function () {
        statusText.textContent = 'Your answers have been received. Thank you.';
        submitted();
      }, failed);
    });

    // The page already shows the title and description above the survey; the outline below is replaced.
    survey.showTitle = false;
    // SurveyJS checks the first page as it checks every page: with errors it stays there and shows them.
    if (leavingFirstPage) survey.nextPage();
    // Rendering in a task of its own keeps each under the 50 ms that makes a phone feel stuck.
    setTimeout(function () {
      var container = document.getElementById('survey');
      container.textContent = '';
      survey.render(container);
      if (leavingFirstPage) container.scrollIntoView();
    }, 0);
  }

  var firstPage = document.getElementById('first-page');
  if (firstPage && !(state.pageNo > 0)) {
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
    withSurveyJs(function () { start(state.data || {}, false); }, couldNotLoad);
  }
})();
