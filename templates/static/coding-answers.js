/* Canvass coding page: turns a selection of words in an answer into the offsets the "code the selection" form
   sends. Without this script the form still works with offsets typed by hand. Plain browser JavaScript. */
(function () {
  'use strict';
  var form = document.getElementById('span-form');
  if (!form) return;
  var answer = document.getElementById('span-answer');
  var start = document.getElementById('span-start');
  var end = document.getElementById('span-end');
  var shown = document.getElementById('span-selected');

  /* Offsets of the selection within one answer's text: the answer's text is exactly the page's text there. */
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
    var from = before.toString().length;
    var words = range.toString();
    return { answer: text.getAttribute('data-answer'), start: from, end: from + words.length, words: words };
  }

  function update() {
    var span = selectedSpan();
    if (!span || span.end <= span.start) return;
    answer.value = span.answer;
    start.value = String(span.start);
    end.value = String(span.end);
    shown.textContent = 'Selected: \u201c' + span.words + '\u201d';
  }

  document.addEventListener('mouseup', update);
  document.addEventListener('keyup', function (event) {
    if (event.shiftKey || event.key === 'Shift') update();
  });
})();
