import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { create } from 'xmlbuilder2';
import { neutraliseCell } from '../http/csv-safety';
import { countedApplications, type CodingState } from './coding-state';

export type CodingExportFormat = 'codes-csv' | 'segments-csv' | 'qdc';


/**
 * Control characters an answer may carry (U+0001 …) are not allowed in XML 1.0; NVivo, ATLAS.ti and MAXQDA
 * reject a project holding one. Each becomes U+FFFD, one character for one, so selection offsets still fit.
 */
export const XML_INVALID_REPLACEMENT = '\uFFFD';
export const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A stable GUID for an id, so a second export of the same coding names every code the same way. */
export function guidFor(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('/')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const text = (value: string) => neutraliseCell(value);

/** The codebook as a table: one row per code with its theme and how much it was used. */
function codesCsv(state: CodingState): string {
  const themes = new Map(state.themes.map((theme) => [theme.id, theme]));
  const uses = new Map<string, { segments: number; answers: Set<string> }>();
  const segmentAnswer = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  for (const application of countedApplications(state)) {
    const entry = uses.get(application.codeId) ?? { segments: 0, answers: new Set<string>() };
    entry.segments += 1;
    entry.answers.add(segmentAnswer.get(application.segmentId) ?? '');
    uses.set(application.codeId, entry);
  }
  return stringify(
    state.codes.map((code) => ({
      id: code.id,
      label: text(code.label),
      definition: text(code.definition),
      keywords: text(code.keywords.join(';')),
      source: code.source,
      status: code.status,
      parent: code.parentId ?? '',
      theme_id: code.themeId ?? '',
      theme_label: code.themeId ? text(themes.get(code.themeId)?.label ?? '') : '',
      segments: uses.get(code.id)?.segments ?? 0,
      answers: uses.get(code.id)?.answers.size ?? 0,
    })),
    { header: true, columns: ['id', 'label', 'definition', 'keywords', 'source', 'status', 'parent', 'theme_id', 'theme_label', 'segments', 'answers'] },
  );
}

/** Every coded segment: which answer, where in it, which code, by whom, how sure, and why. */
function segmentsCsv(state: CodingState): string {
  const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
  const codes = new Map(state.codes.map((code) => [code.id, code]));
  return stringify(
    state.applications.map((application) => {
      const segment = segments.get(application.segmentId)!;
      return {
        response_id: segment.responseId,
        segment_id: segment.id,
        start: segment.start,
        end: segment.end,
        text: text(segment.text),
        code_id: application.codeId,
        code_label: text(codes.get(application.codeId)?.label ?? ''),
        status: application.status,
        by: application.by,
        confidence: application.confidence ?? '',
        evidence: text(application.evidence.join(';')),
      };
    }),
    { header: true, columns: ['response_id', 'segment_id', 'start', 'end', 'text', 'code_id', 'code_label', 'status', 'by', 'confidence', 'evidence'] },
  );
}

/**
 * REFI-QDA codebook (.qdc, urn:QDA-XML:codebook:1.0) for NVivo, ATLAS.ti and MAXQDA: themes are parent codes
 * (not codable themselves), their codes sit inside them, and codes outside any theme sit at the top. Discarded
 * codes and themes are left out.
 */
function qdc(state: CodingState): string {
  const document = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: XML_INVALID_REPLACEMENT }).ele('urn:QDA-XML:codebook:1.0', 'CodeBook', { origin: 'Canvass' });
  const codesElement = document.ele('Codes');
  const addCode = (parent: ReturnType<typeof codesElement.ele>, code: CodingState['codes'][number]) => {
    const element = parent.ele('Code', { guid: guidFor(state.surveySlug, state.question, 'code', code.id), name: code.label, isCodable: 'true' });
    if (code.definition) element.ele('Description').txt(code.definition);
  };
  const liveCodes = state.codes.filter((code) => code.status !== 'discarded');
  for (const theme of state.themes.filter((theme) => theme.status !== 'discarded')) {
    const element = codesElement.ele('Code', { guid: guidFor(state.surveySlug, state.question, 'theme', theme.id), name: theme.label, isCodable: 'false' });
    if (theme.definition) element.ele('Description').txt(theme.definition);
    for (const code of liveCodes.filter((candidate) => candidate.themeId === theme.id)) addCode(element, code);
  }
  const themed = new Set(state.themes.filter((theme) => theme.status !== 'discarded').map((theme) => theme.id));
  for (const code of liveCodes.filter((candidate) => !candidate.themeId || !themed.has(candidate.themeId))) addCode(codesElement, code);
  if (liveCodes.length === 0 && themed.size === 0) {
    // The schema needs at least one code; an empty coding says so rather than writing an invalid file.
    codesElement.ele('Code', { guid: guidFor(state.surveySlug, state.question, 'empty'), name: 'No codes yet', isCodable: 'false' });
  }
  return document.end({ prettyPrint: true });
}

export function exportCoding(state: CodingState, format: CodingExportFormat): string {
  if (format === 'codes-csv') return codesCsv(state);
  if (format === 'segments-csv') return segmentsCsv(state);
  return qdc(state);
}
