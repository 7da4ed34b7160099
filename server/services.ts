import type { Store } from './store/repository';
import type { CodingService } from './coding/coding-service';
import { DistributionService } from './distribution/distribution-service';
import type { PurgeService } from './purge/purge-service';
import type { ReportService } from './reports/report-service';
import { ResponseService } from './responses/response-service';
import type { CompareService } from './stats/compare-service';
import type { StatsRunner } from './stats/stats-runner';
import type { StatsService } from './stats/stats-service';
import { SurveyService } from './surveys/survey-service';
import { ApiTokenService } from './users/api-token-service';
import { UserService } from './users/user-service';

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

/** Builds a value the first time it is asked for, then gives the same one. */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/**
 * Every service over one store, wired in one place for the app, the server entry and the command line. Each
 * service gets the repositories its domain owns and the services of the domains it asks.
 */
export function createServices(
  store: Store,
  { now = () => new Date(), analysisSeconds = 300, statsOffThread = false }: ServiceOptions = {},
): Services {
  const surveys = new SurveyService(store.surveys, now);
  const responses: ResponseService = new ResponseService(store.responses, surveys, now, (slug, ids) =>
    coding().forgetResponses(slug, ids),
  );
  const accounts = { users: store.users, sessions: store.sessions, apiTokens: store.apiTokens };
  const users = new UserService(accounts, now);
  const tokens = new ApiTokenService(accounts, now);
  const distribution = new DistributionService(surveys, responses);

  // The services below load their modules on first use (statistics, report renderers, the text tools of the coding
  // pipeline): each takes 50-150 ms to load, and a command loads only what it runs, which keeps the command line quick.
  const statsRunner = once((): StatsRunner => {
    const runners = require('./stats/stats-runner') as typeof import('./stats/stats-runner');
    return statsOffThread ? runners.statsOffThread(analysisSeconds * 1000) : runners.statsInThread;
  });
  const coding: () => CodingService = once(() => {
    const { CodingService } = require('./coding/coding-service') as typeof import('./coding/coding-service');
    return new CodingService(store.codings, responses, surveys, now, analysisSeconds * 1000);
  });
  const stats = once(() => {
    const { StatsService } = require('./stats/stats-service') as typeof import('./stats/stats-service');
    return new StatsService(responses, surveys, now, statsRunner());
  });
  const compare = once(() => {
    const { CompareService } = require('./stats/compare-service') as typeof import('./stats/compare-service');
    return new CompareService(surveys, stats());
  });
  const reports = once(() => {
    const { ReportService } = require('./reports/report-service') as typeof import('./reports/report-service');
    return new ReportService(store.reportEdits, surveys, stats(), compare(), coding(), now);
  });
  const purge = once(() => {
    const { PurgeService } = require('./purge/purge-service') as typeof import('./purge/purge-service');
    return new PurgeService(responses, coding(), surveys, store);
  });

  return {
    surveys,
    responses,
    users,
    tokens,
    distribution,
    get stats() {
      return stats();
    },
    get compare() {
      return compare();
    },
    get reports() {
      return reports();
    },
    get coding() {
      return coding();
    },
    get purge() {
      return purge();
    },
  };
}
