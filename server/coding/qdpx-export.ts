import JSZip from 'jszip';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { exchangeText } from '../../analysis/coding/exchange-text';
import { guidFor, writeCodeTree } from './coding-export';
import type { CodeApplication, CodingState } from './coding-state';
import { element, refiDocument } from './refi-xml';

export interface SourceAnswer {
  id: string;
  text: string;
  /** Respondent variables, e.g. { role: 'cql', lmc: 'glasgow' }. */
  variables: Record<string, string>;
}

export interface QdpxOptions {
  /** Also export the machine's suggestions nobody has reviewed, as the machine's codings marked by a note. */
  includeSuggestions?: boolean;
}

export const MACHINE_USER_NAME = 'Canvass (machine suggestions)';
export const UNREVIEWED_NOTE_NAME = 'Unreviewed machine suggestion';
/** How a text source names the response it holds, so that the project can be read back into Canvass. */
export const SOURCE_NAME_PREFIX = 'Response ';

const userName = (by: string) => (by === 'machine' ? MACHINE_USER_NAME : by);

/** The codings a project carries: not rejected, on a live code, and reviewed unless suggestions are asked for. */
function exported(state: CodingState, liveCodes: Set<string>, options: QdpxOptions): CodeApplication[] {
  return state.applications.filter(
    (application) =>
      application.status !== 'rejected' &&
      liveCodes.has(application.codeId) &&
      (application.status === 'accepted' || options.includeSuggestions),
  );
}

/**
 * A whole REFI-QDA project (.qdpx: a zip with project.qde and Sources/) for QualCoder, ATLAS.ti, NVivo and
 * MAXQDA: each answer is a text source carrying the respondent variables (role, LMC); codes sit under their
 * themes (not codable), with names unique under each parent; each coder's coding of a segment is a selection of
 * their own (creatingUser) with one coding per code, each with its own GUID; positions count code points of the
 * text with line breaks as LF (see analysis/coding/exchange-text.ts); memos are project notes. The machine's
 * unreviewed suggestions are left out unless asked for, and then carry a note saying so.
 */
export async function exportQdpx(
  state: CodingState,
  answers: SourceAnswer[],
  title: string,
  at: Date,
  options: QdpxOptions = {},
): Promise<Buffer> {
  const guid = (...parts: string[]) => guidFor(state.surveySlug, state.question, ...parts);
  const userGuid = (name: string) => guid('user', name);
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');

  const live = state.codes.filter((code) => code.status !== 'discarded');
  const liveCodes = new Set(live.map((code) => code.id));
  const codings = exported(state, liveCodes, options);
  const answerIds = new Set(answers.map((answer) => answer.id));
  const segmentAnswer = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  const shown = codings.filter((application) => answerIds.has(segmentAnswer.get(application.segmentId) ?? ''));
  // Researchers first, the machine last: importers take the first user (or the project's creator) as their own.
  const researchers = [
    ...new Set([...shown.map((application) => application.by), ...state.memos.map((memo) => memo.by)]),
  ].filter((by) => by !== 'machine');
  const people = [...researchers, ...(shown.some((application) => application.by === 'machine') ? ['machine'] : [])];

  const project = refiDocument('urn:QDA-XML:project:1.0', 'Project', {
    name: title,
    origin: 'Canvass',
    creatingUserGUID: researchers[0] ? userGuid(researchers[0]) : undefined,
    creationDateTime: when,
  });
  if (people.length) {
    const users = element(project, 'Users');
    for (const person of people) element(users, 'User', { guid: userGuid(person), name: userName(person) });
  }

  writeCodeTree(element(element(project, 'CodeBook'), 'Codes'), state);

  const variableNames = [...new Set(answers.flatMap((answer) => Object.keys(answer.variables)))];
  if (variableNames.length) {
    const variables = element(project, 'Variables');
    for (const name of variableNames)
      element(variables, 'Variable', { guid: guid('variable', name), name, typeOfVariable: 'Text' });
  }

  const zip = new JSZip();
  const segmentsByAnswer = new Map<string, CodingState['segments']>();
  for (const segment of state.segments)
    segmentsByAnswer.set(segment.responseId, [...(segmentsByAnswer.get(segment.responseId) ?? []), segment]);
  const codingsBySegment = new Map<string, CodeApplication[]>();
  for (const application of shown)
    codingsBySegment.set(application.segmentId, [...(codingsBySegment.get(application.segmentId) ?? []), application]);
  const unreviewedNote = guid('note', 'unreviewed-suggestions');
  let anyUnreviewed = false;
  const sources = element(project, 'Sources');
  for (const answer of answers) {
    const sourceGuid = guid('source', answer.id);
    const exchange = exchangeText(answer.text);
    zip.file(`Sources/${sourceGuid}.txt`, exchange.text);
    const source = element(sources, 'TextSource', {
      guid: sourceGuid,
      name: `${SOURCE_NAME_PREFIX}${answer.id}`,
      plainTextPath: `internal://${sourceGuid}.txt`,
      creationDateTime: when,
    });
    element(source, 'PlainTextContent', {}, exchange.text);
    for (const segment of segmentsByAnswer.get(answer.id) ?? []) {
      const start = exchange.codePointAt(segment.start);
      const end = exchange.codePointAt(segment.end);
      if (end <= start) continue;
      // One selection per coder, so that each coder's coding arrives as theirs.
      const byCoder = new Map<string, CodeApplication[]>();
      for (const application of codingsBySegment.get(segment.id) ?? [])
        byCoder.set(application.by, [...(byCoder.get(application.by) ?? []), application]);
      for (const [by, applications] of byCoder) {
        const selection = element(source, 'PlainTextSelection', {
          guid: guid('selection', segment.id, by),
          name: Array.from(exchange.text).slice(start, end).slice(0, 60).join(''),
          startPosition: String(start),
          endPosition: String(end),
          creatingUser: userGuid(by),
          creationDateTime: when,
        });
        for (const application of applications) {
          const coding = element(selection, 'Coding', {
            guid: guid('coding', segment.id, application.codeId, by),
            creatingUser: userGuid(by),
            creationDateTime: when,
          });
          element(coding, 'CodeRef', { targetGUID: guid('code', application.codeId) });
          if (application.status === 'suggested') {
            anyUnreviewed = true;
            element(coding, 'NoteRef', { targetGUID: unreviewedNote });
          }
        }
      }
    }
    for (const [name, value] of Object.entries(answer.variables)) {
      const variable = element(source, 'VariableValue');
      element(variable, 'VariableRef', { targetGUID: guid('variable', name) });
      element(variable, 'TextValue', {}, value);
    }
  }
  if (state.memos.length || anyUnreviewed) {
    const notes = element(project, 'Notes');
    for (const memo of state.memos) {
      const note = element(notes, 'Note', {
        guid: guid('memo', memo.id),
        name: `Memo by ${memo.by}`,
        creatingUser: userGuid(memo.by),
        creationDateTime: memo.at.replace(/\.\d{3}Z$/, 'Z'),
      });
      element(note, 'PlainTextContent', {}, exchangeText(memo.text).text);
    }
    if (anyUnreviewed) {
      const note = element(notes, 'Note', { guid: unreviewedNote, name: UNREVIEWED_NOTE_NAME, creationDateTime: when });
      element(
        note,
        'PlainTextContent',
        {},
        'Canvass proposed this code and no researcher has reviewed it: a suggestion, not a coding decision.',
      );
    }
  }
  element(
    project,
    'Description',
    {},
    `Canvass coding of the question "${state.question}" of the survey "${state.surveySlug}". Positions count Unicode code points; line breaks are LF.`,
  );
  // Memos are about the question as a whole: notes of the project.
  for (const memo of state.memos) element(project, 'NoteRef', { targetGUID: guid('memo', memo.id) });
  return zipWith(zip, project);
}

async function zipWith(zip: JSZip, project: XMLBuilder): Promise<Buffer> {
  zip.file('project.qde', project.end({ prettyPrint: true }));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
