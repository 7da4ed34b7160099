import { describedForExchange } from '../../analysis/coding/candidate-note';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../http/csv-safety';
import type { CodingState } from './coding-state';
import { codeCounts, countOf } from './code-counts';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { element, refiDocument, uniqueNames } from './refi-xml';

export type CodingExportFormat = 'codes-csv' | 'segments-csv' | 'qdc';

/** A stable GUID for an id, so a second export of the same coding names every code the same way. */
export function guidFor(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('/')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const text = (value: string) => neutraliseCell(value);

/** The codebook as a table: one row per code with its theme and how much it was used. */
function codesCsv(state: CodingState): string {
  const themes = new Map(state.themes.map((theme) => [theme.id, theme]));
  const counts = codeCounts(state);
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
      segments: countOf(counts, code.id).applications,
      answers: countOf(counts, code.id).respondents.size,
    })),
    {
      header: true,
      columns: [
        'id',
        'label',
        'definition',
        'keywords',
        'source',
        'status',
        'parent',
        'theme_id',
        'theme_label',
        'segments',
        'answers',
      ],
    },
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
    {
      header: true,
      columns: [
        'response_id',
        'segment_id',
        'start',
        'end',
        'text',
        'code_id',
        'code_label',
        'status',
        'by',
        'confidence',
        'evidence',
      ],
    },
  );
}

/**
 * REFI-QDA codebook (.qdc, urn:QDA-XML:codebook:1.0) for NVivo, ATLAS.ti and MAXQDA: themes are parent codes
 * (not codable themselves), their codes sit inside them, and codes outside any theme sit at the top. Discarded
 * codes and themes are left out.
 */
function qdc(state: CodingState): string {
  const document = refiDocument('urn:QDA-XML:codebook:1.0', 'CodeBook', { origin: 'Canvass' });
  writeCodeTree(element(document, 'Codes'), state);
  return document.end({ prettyPrint: true });
}

/**
 * The codes of a REFI-QDA codebook or project: themes as parent codes (not codable), their codes inside them,
 * codes outside any theme at the top; discarded ones left out. Importers keep one code per name under a parent,
 * so names are made unique there ("Label (2)").
 */
export function writeCodeTree(codesElement: XMLBuilder, state: CodingState): void {
  const guid = (...parts: string[]) => guidFor(state.surveySlug, state.question, ...parts);
  const withDescription = (parent: XMLBuilder, attributes: Record<string, string>, definition: string) => {
    const created = element(parent, 'Code', attributes);
    if (definition) element(created, 'Description', {}, definition);
    return created;
  };
  const liveCodes = state.codes.filter((code) => code.status !== 'discarded');
  const themes = state.themes.filter((theme) => theme.status !== 'discarded');
  const themed = new Set(themes.map((theme) => theme.id));
  const topCodes = liveCodes.filter((candidate) => !candidate.themeId || !themed.has(candidate.themeId));
  const topNames = uniqueNames<{ label: string }>([...themes, ...topCodes], (item) => item.label);
  for (const theme of themes) {
    const themeElement = withDescription(
      codesElement,
      { guid: guid('theme', theme.id), name: topNames.get(theme)!, isCodable: 'false' },
      describedForExchange(theme.definition, theme.status),
    );
    const members = liveCodes.filter((candidate) => candidate.themeId === theme.id);
    const names = uniqueNames(members, (code) => code.label);
    for (const code of members)
      withDescription(
        themeElement,
        { guid: guid('code', code.id), name: names.get(code)!, isCodable: 'true' },
        describedForExchange(code.definition, code.status),
      );
  }
  for (const code of topCodes)
    withDescription(
      codesElement,
      { guid: guid('code', code.id), name: topNames.get(code)!, isCodable: 'true' },
      describedForExchange(code.definition, code.status),
    );
  if (liveCodes.length === 0 && themes.length === 0) {
    // The schema needs at least one code; an empty coding says so rather than writing an invalid file.
    element(codesElement, 'Code', { guid: guid('empty'), name: 'No codes yet', isCodable: 'false' });
  }
}

export function exportCoding(state: CodingState, format: CodingExportFormat): string {
  if (format === 'codes-csv') return codesCsv(state);
  if (format === 'segments-csv') return segmentsCsv(state);
  return qdc(state);
}
