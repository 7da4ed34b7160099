import Handlebars from 'handlebars';
import type { CodingState } from './coding-state';

export interface AnswerView {
  id: string;
  /** The answer's text as HTML: escaped, with the coded stretches in <mark> and nothing added between, so that
   *  character offsets in the page's text are offsets in the answer. */
  html: Handlebars.SafeString;
  codes: string[];
}

/** Which codes researchers (or their acceptance) put on each character range of an answer. */
function codedRanges(state: CodingState, responseId: string) {
  const labels = new Map(state.codes.map((code) => [code.id, code.label]));
  const segments = new Map(
    state.segments.filter((segment) => segment.responseId === responseId).map((segment) => [segment.id, segment]),
  );
  return state.applications
    .filter((application) => segments.has(application.segmentId) && application.status === 'accepted')
    .map((application) => ({
      ...segments.get(application.segmentId)!,
      label: labels.get(application.codeId) ?? application.codeId,
    }));
}

/** An answer cut where coded ranges start and end, each piece marked with the codes covering it. */
export function answerView(state: CodingState, responseId: string, text: string): AnswerView {
  const ranges = codedRanges(state, responseId);
  const cuts = [
    ...new Set([
      0,
      text.length,
      ...ranges.flatMap((range) => [range.start, range.end]).filter((at) => at > 0 && at < text.length),
    ]),
  ].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const piece = Handlebars.escapeExpression(text.slice(from, to));
    const codes = [
      ...new Set(ranges.filter((range) => range.start <= from && range.end >= to).map((range) => range.label)),
    ];
    html += codes.length > 0 ? `<mark title="${Handlebars.escapeExpression(codes.join('; '))}">${piece}</mark>` : piece;
  }
  return {
    id: responseId,
    html: new Handlebars.SafeString(html),
    codes: [...new Set(ranges.map((range) => range.label))],
  };
}
