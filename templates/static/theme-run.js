'use strict';
// Keeps the theme run page current without reloading it: asks run.json each second, moves the bar and the phase,
// opens the workbench when the run is done and reloads the page when it stopped. Without JavaScript the page's
// own refresh does the same every few seconds.
(function () {
  const box = document.getElementById('theme-run');
  const phase = document.getElementById('run-phase');
  const bar = document.getElementById('run-bar');
  if (!box || !phase || !bar) return;
  document.querySelector('meta[http-equiv="refresh"]')?.remove();
  async function poll() {
    let run;
    try {
      const answer = await fetch(box.dataset.statusUrl, { headers: { Accept: 'application/json' } });
      run = await answer.json();
    } catch {
      return setTimeout(poll, 3000);
    }
    if (run.status === 'running') {
      phase.textContent = run.phaseText;
      document.title = `Proposing codes: ${run.phaseText} · Canvass`;
      if (run.counted) bar.value = run.percent;
      else bar.removeAttribute('value');
      setTimeout(poll, 1000);
    } else if (run.status === 'done' || run.status === 'none') {
      location.assign(box.dataset.doneUrl);
    } else {
      location.reload();
    }
  }
  setTimeout(poll, 1000);
})();
