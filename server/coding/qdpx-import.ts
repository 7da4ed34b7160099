import { readDescription } from '../../analysis/coding/candidate-note';
import JSZip from 'jszip';
import { exchangeText } from '../../analysis/coding/exchange-text';
import { childNamed, childrenNamed, parseXml, type XmlElement } from '../../analysis/coding/xml-tree';
import { sentences } from '../../analysis/text';
import { CodingConflictError, CodingReviewedError, ValidationError } from '../errors';
import type { ResponseService } from '../responses/response-service';
import type { CodingRepository } from '../store/repository';
import { codableSurvey, researchersReviewed } from './coded-question';
import type { SurveyService } from '../surveys/survey-service';
import { codingStateFrom } from './coding-record';
import type { CodeApplication, CodingCode, CodingSegment, CodingState, CodingTheme } from './coding-state';
import { MACHINE_USER_NAME, SOURCE_NAME_PREFIX, UNREVIEWED_NOTE_NAME } from './qdpx-export';

export interface QdpxImportSummary {
  answers: number;
  codes: number;
  themes: number;
  codings: number;
  coders: string[];
  memos: number;
  /** Sources and selections that could not be matched to a stored answer, and why. */
  skipped: string[];
}

function refuse(message: string): never {
  throw new ValidationError({ message: 'The REFI-QDA project cannot be read', details: [{ field: 'file', message }] });
}

/** The project.qde of a .qdpx and its text files (Sources/…), read strictly. */
async function readProject(buffer: Buffer): Promise<{ project: XmlElement; files: JSZip }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (error) {
    return refuse(`not a .qdpx (zip) file: ${(error as Error).message}`);
  }
  const qde = zip.file('project.qde') ?? zip.file(/\.qde$/i)[0];
  if (!qde) return refuse('the .qdpx holds no project.qde');
  let project: XmlElement;
  try {
    project = parseXml(await qde.async('string'));
  } catch (error) {
    return refuse(`project.qde is not well-formed XML: ${(error as Error).message}`);
  }
  if (project.name !== 'Project') refuse(`project.qde starts with <${project.name}>, not <Project>`);
  return { project, files: zip };
}

const guidOf = (element: XmlElement | undefined) =>
  (element?.attributes.guid ?? element?.attributes.targetGUID ?? '').replace(/[{}]/g, '').toLowerCase();

/** Sentences of an answer with where each starts and ends in it (as `canvass code` segments answers). */
function sentenceSegments(responseId: string, text: string, nextId: () => string): CodingSegment[] {
  let cursor = 0;
  return sentences(text).map((sentence) => {
    const start = Math.max(0, text.indexOf(sentence, cursor));
    cursor = start + sentence.length;
    return { id: nextId(), responseId, text: sentence, start, end: start + sentence.length };
  });
}

/**
 * A REFI-QDA project as the coding of one question: codes that are not codable become themes, codable codes
 * codes (in the nearest theme above them); each selection a segment at its code-point positions, turned back
 * into offsets of the stored answer; each coding an application by its creating user (the machine's user, or
 * a coding marked as an unreviewed suggestion, is the machine's suggestion); notes become memos. A source is
 * matched to a response by its name ("Response <id>", as Canvass exports it) and its text must be the answer's.
 */
export async function codingFromQdpx(
  buffer: Buffer,
  target: { surveySlug: string; question: string; answers: Map<string, string> },
): Promise<{ state: CodingState; summary: QdpxImportSummary }> {
  const { project, files } = await readProject(buffer);
  const skipped: string[] = [];

  const users = new Map<string, string>();
  for (const user of childrenNamed(childNamed(project, 'Users') ?? project, 'User')) {
    const name = user.attributes.name ?? user.attributes.id ?? guidOf(user);
    users.set(guidOf(user), name === MACHINE_USER_NAME ? 'machine' : name);
  }
  const coder = (guid: string | undefined) => (guid ? users.get(guid.replace(/[{}]/g, '').toLowerCase()) : undefined);

  const codes: CodingCode[] = [];
  const themes: CodingTheme[] = [];
  const codeIds = new Map<string, string>();
  const visit = (code: XmlElement, theme: string | null, parent: string | null) => {
    const label = code.attributes.name ?? 'Untitled';
    const { definition, proposed } = readDescription(childNamed(code, 'Description')?.text ?? '');
    const status = proposed ? 'proposed' : 'accepted';
    if (code.attributes.isCodable === 'false' || code.attributes.isCodable === '0') {
      const id = `theme-${themes.length + 1}`;
      themes.push({ id, label, definition, status, proposedQuotes: [], chosenQuotes: [] });
      for (const child of childrenNamed(code, 'Code')) visit(child, id, null);
      return;
    }
    const id = `code-${codes.length + 1}`;
    codeIds.set(guidOf(code), id);
    codes.push({
      id,
      label,
      definition,
      keywords: [],
      source: 'researcher',
      themeId: theme,
      parentId: parent,
      status,
    });
    for (const child of childrenNamed(code, 'Code')) visit(child, theme, id);
  };
  for (const code of childrenNamed(childNamed(childNamed(project, 'CodeBook') ?? project, 'Codes') ?? project, 'Code'))
    visit(code, null, null);
  // Canvass writes a placeholder when nothing is coded yet.
  if (codes.length === 0 && themes.length === 1 && themes[0]!.label === 'No codes yet') themes.length = 0;

  const notes = childrenNamed(childNamed(project, 'Notes') ?? project, 'Note');
  const unreviewed = new Set(notes.filter((note) => note.attributes.name === UNREVIEWED_NOTE_NAME).map(guidOf));
  const memos: CodingState['memos'] = notes
    .filter((note) => !unreviewed.has(guidOf(note)))
    .map((note, i) => ({
      id: `memo-${i + 1}`,
      text: childNamed(note, 'PlainTextContent')?.text ?? note.attributes.name ?? '',
      by: coder(note.attributes.creatingUser) ?? 'imported',
      at: note.attributes.creationDateTime ?? new Date(0).toISOString(),
    }))
    .filter((memo) => memo.text.trim() !== '');

  const segments: CodingSegment[] = [];
  const applications: CodeApplication[] = [];
  let spans = 0;
  const nextSpan = () => `s${++spans}`;
  const seen = new Set<string>();
  const add = (segment: CodingSegment, coding: XmlElement, selectionUser: string | undefined) => {
    const codeId = codeIds.get(guidOf(childNamed(coding, 'CodeRef')));
    if (!codeId) return skipped.push(`a coding on "${segment.text.slice(0, 40)}" refers to no codable code`);
    const suggestion = childrenNamed(coding, 'NoteRef').some((ref) => unreviewed.has(guidOf(ref)));
    const by = suggestion ? 'machine' : (coder(coding.attributes.creatingUser) ?? coder(selectionUser) ?? 'imported');
    const key = `${segment.id}\u0000${codeId}\u0000${by}`;
    if (seen.has(key)) return;
    seen.add(key);
    applications.push({
      segmentId: segment.id,
      codeId,
      by,
      origin: by === 'machine' ? 'machine' : 'researcher',
      status: suggestion || by === 'machine' ? 'suggested' : 'accepted',
      confidence: null,
      evidence: [],
    });
  };

  let answers = 0;
  for (const source of childrenNamed(childNamed(project, 'Sources') ?? project, 'TextSource')) {
    const name = source.attributes.name ?? '';
    const responseId = name.startsWith(SOURCE_NAME_PREFIX) ? name.slice(SOURCE_NAME_PREFIX.length) : name;
    const stored = target.answers.get(responseId);
    if (stored === undefined) {
      skipped.push(`source "${name}": no response "${responseId}" answered "${target.question}"`);
      continue;
    }
    const path = source.attributes.plainTextPath?.replace(/^internal:\/\//, 'Sources/');
    const sourceText =
      childNamed(source, 'PlainTextContent')?.text ??
      (path ? await files.file(path)?.async('string') : undefined) ??
      '';
    const exchange = exchangeText(stored);
    if (exchangeText(sourceText).text !== exchange.text) {
      skipped.push(
        `source "${name}": its text is not the stored answer's (changed since the export?), so its positions cannot be trusted`,
      );
      continue;
    }
    answers += 1;
    const own = sentenceSegments(responseId, stored, nextSpan);
    segments.push(...own);
    const segmentAt = (start: number, end: number) => {
      const found = segments.find(
        (segment) => segment.responseId === responseId && segment.start === start && segment.end === end,
      );
      if (found) return found;
      const created = { id: nextSpan(), responseId, text: stored.slice(start, end), start, end };
      segments.push(created);
      return created;
    };
    for (const selection of childrenNamed(source, 'PlainTextSelection')) {
      const start = exchange.utf16At(Number(selection.attributes.startPosition));
      const end = exchange.utf16At(Number(selection.attributes.endPosition));
      if (start === undefined || end === undefined || end <= start) {
        skipped.push(
          `source "${name}": selection ${selection.attributes.startPosition}–${selection.attributes.endPosition} is outside its text`,
        );
        continue;
      }
      const segment = segmentAt(start, end);
      for (const coding of childrenNamed(selection, 'Coding')) add(segment, coding, selection.attributes.creatingUser);
    }
    // A coding of the whole source.
    for (const coding of childrenNamed(source, 'Coding'))
      add(segmentAt(0, stored.length), coding, source.attributes.creatingUser);
  }

  const state: CodingState = {
    surveySlug: target.surveySlug,
    question: target.question,
    segments,
    codes,
    themes,
    applications,
    memos,
  };
  return {
    state,
    summary: {
      answers,
      codes: codes.length,
      themes: themes.length,
      codings: applications.length,
      coders: [...new Set(applications.map((application) => application.by))],
      memos: memos.length,
      skipped,
    },
  };
}

/**
 * Reads a REFI-QDA project back as the stored coding of a question (the way back from a QDA tool). Like
 * `canvass code`, it does not replace a coding researchers have reviewed unless asked to; the old one stays in
 * the audit trail.
 */
export async function importQdpx(
  codings: CodingRepository,
  responses: ResponseService,
  surveys: SurveyService,
  slug: string,
  question: string,
  buffer: Buffer,
  options: { replace?: boolean; by: string; at?: Date },
): Promise<QdpxImportSummary> {
  const { record } = await codableSurvey(surveys, slug, question);
  const groupBy = record.analysis?.groupBy;
  const stored = await codings.get(slug, question);
  const existing = stored && { ...stored, state: codingStateFrom(stored.state) };
  if (existing && researchersReviewed(existing.state) && !options.replace) {
    throw new CodingReviewedError({
      message: `Researchers have already reviewed the coding of "${question}"`,
      details: [
        {
          field: 'replace',
          message: 'asked for explicitly, the imported coding replaces it; their work stays in the audit trail',
        },
      ],
    });
  }
  const answers = new Map<string, string>();
  const groups: Record<string, string> = {};
  for await (const response of responses.stream(slug, { includePartial: true })) {
    const value = response.data[question];
    if (typeof value !== 'string' || !value.trim()) continue;
    answers.set(response.id, value);
    if (groupBy && response.data[groupBy] !== undefined) groups[response.id] = String(response.data[groupBy]);
  }
  const { state: imported, summary } = await codingFromQdpx(buffer, { surveySlug: slug, question, answers });
  // Each coded answer's group (role), for prevalence by group, as `canvass code` keeps it.
  const coded = new Set(imported.segments.map((segment) => segment.responseId));
  const state: CodingState = {
    ...imported,
    groups: Object.fromEntries(Object.entries(groups).filter(([id]) => coded.has(id))),
  };
  if (summary.answers === 0)
    refuse(`none of its sources is an answer to "${question}" (${summary.skipped.slice(0, 3).join('; ')})`);
  const saved = await codings.save(state, existing?.version ?? 0, {
    operation: `import: REFI-QDA project, ${summary.answers} answers, ${summary.codes} codes, ${summary.themes} themes, ${summary.codings} codings, ${summary.memos} memos`,
    doneBy: options.by,
    doneAt: (options.at ?? new Date()).toISOString(),
  });
  if (!saved)
    throw new CodingConflictError({ message: 'Someone else changed this coding at the same time; run it again' });
  return summary;
}
