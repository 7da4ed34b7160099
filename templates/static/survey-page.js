/* Canvass survey page: renders a SurveyJS survey, keeps progress on this device, saves partial answers as the
   respondent moves between pages and submits once on completion. Plain browser JavaScript, no build step. */
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

  var survey = new Survey.Model(definition);
  survey.data = state.data || {};
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

  function remember() {
    state.data = survey.data;
    state.pageNo = survey.currentPageNo;
    writeState(state);
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

  var statusBox = document.getElementById('save-status');
  var statusText = document.getElementById('save-status-text');
  var retry = document.getElementById('retry-submit');

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
  // Rendering in a task of its own keeps each under the 50 ms that makes a phone feel stuck.
  setTimeout(function () {
    var container = document.getElementById('survey');
    container.textContent = '';
    survey.render(container);
  }, 0);
})();
