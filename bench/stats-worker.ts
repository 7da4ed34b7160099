/**
 * One measured step of bench:stats, in its own process so that its peak memory is its own:
 * `scan` reads every response from the store; `stats` computes `canvass stats --by role`.
 * Prints one JSON line: { step, seconds, peakRssMb, responses }.
 * Both steps run the compiled build in dist/ (which bench:stats refreshes first), as `canvass` and the server
 * ship, not the sources through tsx: tsx's transform ran the statistics loop measurably slower than tsc's output.
 */
import { performance } from 'node:perf_hooks';

const { openStore } = require('../dist/server/store/open-store') as typeof import('../server/store/open-store');
const { createServices } = require('../dist/server/services') as typeof import('../server/services');

async function main() {
  const [step, location] = process.argv.slice(2) as ['scan' | 'stats', string];
  const store = await openStore(location);
  const started = performance.now();
  let responses = 0;
  if (step === 'scan') {
    for await (const response of store.responses.stream('gp-quality-clusters-2024', { includePartial: true })) {
      if (response.data) responses += 1;
    }
  } else {
    const stats = await createServices(store).stats.compute('gp-quality-clusters-2024', {
      by: 'role',
    });
    responses = stats.responses.total;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ step, seconds, peakRssMb, responses })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
