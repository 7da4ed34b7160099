import JSZip from 'jszip';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { guidFor, XML_INVALID, XML_INVALID_REPLACEMENT } from './coding-export';
import type { CodingState } from './coding-state';

export interface SourceAnswer {
  id: string;
  text: string;
  /** Respondent variables, e.g. { role: 'cql', lmc: 'glasgow' }. */
  variables: Record<string, string>;
}

/**
 * A whole REFI-QDA project (.qdpx: a zip with project.qde and Sources/) for ATLAS.ti, NVivo and MAXQDA: each
 * answer is a text source carrying the respondent variables (role, LMC), codes sit under their themes, every
 * coded segment not rejected is a selection with its coding, and memos become notes.
 */
export async function exportQdpx(state: CodingState, answers: SourceAnswer[], title: string, at: Date): Promise<Buffer> {
  const guid = (...parts: string[]) => guidFor(state.surveySlug, state.question, ...parts);
  const people = [...new Set(['machine', ...state.applications.map((application) => application.by), ...state.memos.map((memo) => memo.by)])];
  const userGuid = (name: string) => guid('user', name);
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');

  const project = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: XML_INVALID_REPLACEMENT }).ele('urn:QDA-XML:project:1.0', 'Project', {
    name: title,
    origin: 'Canvass',
    creatingUserGUID: userGuid('machine'),
    creationDateTime: when,
  });
  const users = project.ele('Users');
  for (const person of people) users.ele('User', { guid: userGuid(person), name: person === 'machine' ? 'Canvass (machine suggestions)' : person });

  const codes = project.ele('CodeBook').ele('Codes');
  const live = state.codes.filter((code) => code.status !== 'discarded');
  const addCode = (parent: XMLBuilder, code: CodingState['codes'][number]) => {
    const element = parent.ele('Code', { guid: guid('code', code.id), name: code.label, isCodable: 'true' });
    if (code.definition) element.ele('Description').txt(code.definition);
  };
  const themes = state.themes.filter((theme) => theme.status !== 'discarded');
  for (const theme of themes) {
    const element = codes.ele('Code', { guid: guid('theme', theme.id), name: theme.label, isCodable: 'false' });
    if (theme.definition) element.ele('Description').txt(theme.definition);
    for (const code of live.filter((candidate) => candidate.themeId === theme.id)) addCode(element, code);
  }
  const themed = new Set(themes.map((theme) => theme.id));
  for (const code of live.filter((candidate) => !candidate.themeId || !themed.has(candidate.themeId))) addCode(codes, code);
  if (live.length === 0 && themes.length === 0) codes.ele('Code', { guid: guid('empty'), name: 'No codes yet', isCodable: 'false' });

  const variableNames = [...new Set(answers.flatMap((answer) => Object.keys(answer.variables)))];
  if (variableNames.length) {
    const variables = project.ele('Variables');
    for (const name of variableNames) variables.ele('Variable', { guid: guid('variable', name), name, typeOfVariable: 'Text' });
  }

  const zip = new JSZip();
  const liveCodes = new Set(live.map((code) => code.id));
  const segmentsByAnswer = new Map<string, CodingState['segments']>();
  for (const segment of state.segments) segmentsByAnswer.set(segment.responseId, [...(segmentsByAnswer.get(segment.responseId) ?? []), segment]);
  const codingsBySegment = new Map<string, CodingState['applications']>();
  for (const application of state.applications) {
    if (application.status === 'rejected' || !liveCodes.has(application.codeId)) continue;
    codingsBySegment.set(application.segmentId, [...(codingsBySegment.get(application.segmentId) ?? []), application]);
  }
  const sources = project.ele('Sources');
  for (const answer of answers) {
    const sourceGuid = guid('source', answer.id);
    zip.file(`Sources/${sourceGuid}.txt`, answer.text.replace(XML_INVALID, XML_INVALID_REPLACEMENT));
    const source = sources.ele('TextSource', { guid: sourceGuid, name: `Response ${answer.id}`, plainTextPath: `internal://${sourceGuid}.txt`, creationDateTime: when });
    source.ele('PlainTextContent').txt(answer.text);
    for (const segment of segmentsByAnswer.get(answer.id) ?? []) {
      const codings = codingsBySegment.get(segment.id) ?? [];
      if (codings.length === 0) continue;
      const selection = source.ele('PlainTextSelection', { guid: guid('selection', segment.id), name: segment.text.slice(0, 60), startPosition: String(segment.start), endPosition: String(segment.end) });
      for (const application of codings) {
        selection
          .ele('Coding', { guid: guid('coding', segment.id, application.codeId), creatingUser: userGuid(application.by), creationDateTime: when })
          .ele('CodeRef', { targetGUID: guid('code', application.codeId) });
      }
    }
    for (const [name, value] of Object.entries(answer.variables)) {
      const variable = source.ele('VariableValue');
      variable.ele('VariableRef', { targetGUID: guid('variable', name) });
      variable.ele('TextValue').txt(value);
    }
  }
  if (state.memos.length) {
    const notes = project.ele('Notes');
    for (const memo of state.memos) {
      notes.ele('Note', { guid: guid('memo', memo.id), name: `Memo by ${memo.by}`, creatingUser: userGuid(memo.by), creationDateTime: memo.at.replace(/\.\d{3}Z$/, 'Z') }).ele('PlainTextContent').txt(memo.text);
    }
  }
  zip.file('project.qde', project.end({ prettyPrint: true }));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
