const fs = require('node:fs');

// Ends the run with one plain line, "tests: N passed, N failed, N skipped", for CI logs. Jest's own summary is
// written after every reporter's onRunComplete, so the line is written as the process exits, to come last.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => fs.writeSync(2, line));
  }
}
module.exports = SummaryReporter;
