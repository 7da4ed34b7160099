import type { DistributionArea } from '../kernel/survey-records';
import type { SurveyRecord } from '../surveys/survey-record';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

interface ReminderInput {
  survey: Pick<SurveyRecord, 'title' | 'closesAt'>;
  area: DistributionArea;
  complete: number;
  rate: number | null;
  link: string;
  /** The survey's minimum base: an area with fewer responses is not given a count, as the report gives none. */
  minimumBase: number;
}

/** An e-mail's subject and body, each pasted into its own place. */
export interface ReminderMessage {
  subject: string;
  body: string;
}

/** The text an LMC can paste into its own e-mail to practices (an invitation, then reminders): LMCs, not Canvass, send the e-mails. */
export function reminderMessage({ survey, area, complete, rate, link, minimumBase }: ReminderInput): ReminderMessage {
  // Before any answer from the area it is the first mailing, an invitation: "So far 0 responses" would greet nobody.
  const first = complete === 0;
  return {
    subject: `${first ? '' : 'Reminder: '}${survey.title}`,
    body: [
      'Dear Practice Manager,',
      '',
      `${first ? `You are invited to take part in the ${survey.title}.` : progress(area, complete, rate, minimumBase)}${survey.closesAt ? ` The survey closes on ${dateFormat.format(new Date(survey.closesAt))}.` : ''} Please forward this link to your practice's Practice Quality Lead (PQL) or Cluster Quality Lead (CQL) and ask them to complete the survey; it takes about ten minutes and answers are anonymous:`,
      '',
      link,
      '',
      'Thank you for your help.',
      `${area.name} Local Medical Committee`,
    ].join('\n'),
  };
}

function progress(area: DistributionArea, complete: number, rate: number | null, minimumBase: number): string {
  // The message leaves Canvass for every practice in the area: below the minimum base, where the report withholds an
  // area's count, so does the message. (The report may withhold one more area, whose count could be worked out from
  // the total; a count in mid-fieldwork, with no total beside it, gives nothing away.)
  if (complete < minimumBase) return `So far fewer than ${minimumBase} responses have come from ${area.name}.`;
  // Responses are counted, not practices: a practice may send two (its CQL and its PQL), or none.
  const responses = `So far ${complete} responses have come from ${area.name}`;
  return rate === null
    ? `${responses}.`
    : `${responses}, which has ${area.practices} ${area.practices === 1 ? 'practice' : 'practices'} (${rate.toFixed(1)} responses for every 100 practices).`;
}
