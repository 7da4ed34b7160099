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
}

/** The text an LMC can paste into its own e-mail to practices (an invitation, then reminders): LMCs, not Canvass, send the e-mails. */
export function reminderMessage({ survey, area, complete, rate, link }: ReminderInput): string {
  // Responses are counted, not practices: a practice may send two (its CQL and its PQL), or none.
  const responses = `${complete} ${complete === 1 ? 'response has' : 'responses have'} come from ${area.name}`;
  // Before any answer from the area it is the first mailing, an invitation: "So far 0 responses" would greet nobody.
  const first = complete === 0;
  const progress = first
    ? `You are invited to take part in the ${survey.title}.`
    : rate === null
      ? `So far ${responses}.`
      : `So far ${responses}, which has ${area.practices} ${area.practices === 1 ? 'practice' : 'practices'} (${rate.toFixed(1)} responses for every 100 practices).`;
  const closing = survey.closesAt ? ` The survey closes on ${dateFormat.format(new Date(survey.closesAt))}.` : '';
  return [
    `Subject: ${first ? '' : 'Reminder: '}${survey.title}`,
    '',
    'Dear Practice Manager,',
    '',
    `${progress}${closing} Please forward this link to your practice's Practice Quality Lead (PQL) or Cluster Quality Lead (CQL) and ask them to complete the survey; it takes about ten minutes and answers are anonymous:`,
    '',
    link,
    '',
    'Thank you for your help.',
    `${area.name} Local Medical Committee`,
  ].join('\n');
}
