import type { Store } from './store/repository';
import type { CodingService } from './coding/coding-service';
import type { DistributionService } from './distribution/distribution-service';
import type { ReportService } from './reports/report-service';
import type { PurgeService } from './responses/purge';
import type { ResponseService } from './responses/response-service';
import type { CompareService } from './stats/compare-service';
import type { StatsService } from './stats/stats-service';
import type { SurveyService } from './surveys/survey-service';
import type { ApiTokenService } from './users/api-token-service';
import type { UserService } from './users/user-service';

export interface Services {
  surveys: SurveyService;
  responses: ResponseService;
  users: UserService;
  tokens: ApiTokenService;
  distribution: DistributionService;
  stats: StatsService;
  compare: CompareService;
  reports: ReportService;
  coding: CodingService;
  purge: PurgeService;
}

export interface ServiceOptions {
  now?: () => Date;
  /** Longest a coding run or a statistics run off the request thread may take, in seconds (config `analysisSeconds`). */
  analysisSeconds?: number;
  /** Statistics in a worker thread (the server), not in this one (the command line). */
  statsOffThread?: boolean;
}

/**
 * Every service over one store, wired in one place for the app, the server entry and the command line. Each is
 * built on first use, and its module loaded then: a command loads only what it uses (the coding service alone
 * brings the text tools), which keeps the command line quick.
 */
export function createServices(
  store: Store,
  { now = () => new Date(), analysisSeconds = 300, statsOffThread = false }: ServiceOptions = {},
): Services {
  const statsRunner = () => {
    const runners = require('./stats/stats-runner') as typeof import('./stats/stats-runner');
    return statsOffThread ? runners.statsOffThread(analysisSeconds * 1000) : runners.statsInThread;
  };
  const built = new Map<keyof Services, unknown>();
  const builders: { [K in keyof Services]: () => Services[K] } = {
    surveys: () =>
      new (require('./surveys/survey-service') as typeof import('./surveys/survey-service')).SurveyService(store, now),
    responses: () =>
      new (require('./responses/response-service') as typeof import('./responses/response-service')).ResponseService(
        store,
        services.surveys,
        now,
      ),
    users: () => new (require('./users/user-service') as typeof import('./users/user-service')).UserService(store, now),
    tokens: () =>
      new (require('./users/api-token-service') as typeof import('./users/api-token-service')).ApiTokenService(
        store,
        now,
      ),
    distribution: () =>
      new (
        require('./distribution/distribution-service') as typeof import('./distribution/distribution-service')
      ).DistributionService(store, services.surveys),
    stats: () =>
      new (require('./stats/stats-service') as typeof import('./stats/stats-service')).StatsService(
        store,
        services.surveys,
        now,
        statsRunner(),
      ),
    compare: () =>
      new (require('./stats/compare-service') as typeof import('./stats/compare-service')).CompareService(
        services.surveys,
        services.stats,
      ),
    reports: () =>
      new (require('./reports/report-service') as typeof import('./reports/report-service')).ReportService(
        store,
        services.surveys,
        services.stats,
        services.compare,
        now,
      ),
    coding: () =>
      new (require('./coding/coding-service') as typeof import('./coding/coding-service')).CodingService(
        store,
        services.surveys,
        now,
        analysisSeconds * 1000,
      ),
    purge: () =>
      new (require('./responses/purge') as typeof import('./responses/purge')).PurgeService(store, services.surveys),
  };
  const services = {} as Services;
  for (const name of Object.keys(builders) as Array<keyof Services>) {
    Object.defineProperty(services, name, {
      enumerable: true,
      get: () => {
        if (!built.has(name)) built.set(name, builders[name]());
        return built.get(name);
      },
    });
  }
  return services;
}
