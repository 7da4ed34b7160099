import { performance } from 'node:perf_hooks';
import { openStore } from '../server/store/open-store';
import { SurveyService } from '../server/surveys/survey-service';
import { StatsService } from '../server/stats/stats-service';
(async () => {
  const store = await openStore('sqlite:/tmp/prof300k.db');
  const service = new StatsService(store, new SurveyService(store));
  const st: number[] = [], sc: number[] = [];
  for (let k = 0; k < 3; k++) { const t = performance.now(); await service.compute('gp-quality-clusters-2024', { by: 'role' }); st.push(performance.now() - t); let n = 0; const u = performance.now(); for await (const r of store.responses.stream('gp-quality-clusters-2024', { includePartial: true })) if (r.data) n++; sc.push(performance.now() - u); }
  console.log('stats', Math.min(...st).toFixed(0), 'scan', Math.min(...sc).toFixed(0), 'ratio', (Math.min(...st) / Math.min(...sc)).toFixed(2));
  await store.close();
})();
