/**
 * What the survey page tells a respondent about their answers, in the survey's language (its SurveyJS `locale`),
 * one message for each state of sending them (templates/static/survey-page.js). To add a language, add a table
 * with every key under the language's code; a survey in a language without a table is told in English.
 */
export interface RespondentMessages {
  sending: string;
  received: string;
  /** The browser could not reach the server at all. */
  offline: string;
  /** The server asked to be given time (429, 503) or failed (5xx). */
  busy: string;
  retryNow: string;
  closed: string;
  /** The server refused the answers (4xx); followed by what it refused, question by question. */
  refused: string;
  /** The answers from this device had already been completed (409). */
  alreadyReceived: string;
  backToAnswers: string;
  /** On the plain first page's Next button while SurveyJS loads. */
  loading: string;
  /** SurveyJS's scripts could not be fetched when the respondent pressed Next on the plain first page. */
  notLoaded: string;
}

const MESSAGES: Record<string, RespondentMessages> = {
  en: {
    sending: 'Sending your answers…',
    received: 'Your answers have been received.',
    offline: 'Your answers have not been sent yet: this device seems to be offline. They are kept on this device and will be sent as soon as it is back online.',
    busy: 'Your answers have not been sent yet: the survey is busy just now. They are kept on this device and will be sent again automatically in a moment.',
    retryNow: 'Send now',
    closed: 'This survey has closed, so it could not take your answers. Thank you for your time.',
    refused: 'The survey could not accept your answers as they are:',
    alreadyReceived: 'Answers to this survey from this device have already been received. Thank you.',
    backToAnswers: 'Back to your answers',
    loading: 'Loading…',
    notLoaded: 'The rest of the survey could not be loaded. Your answers are kept on this device; please check your connection and press Next again.',
  },
};

/** The table for a SurveyJS locale ("en", "en-GB", "fr"...), English when there is none. */
export function respondentMessages(locale: unknown): RespondentMessages {
  const code = typeof locale === 'string' ? locale.toLowerCase() : '';
  return MESSAGES[code] ?? MESSAGES[code.split('-')[0] ?? ''] ?? MESSAGES.en!;
}
