import ExcelJS from 'exceljs';
import type { ResponseService } from './response-service';
import type { SurveyService } from '../surveys/survey-service';

function cellValue(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(';');
  return JSON.stringify(value);
}

/**
 * Every response in a workbook for analysts who continue in Excel, R or SPSS: sheet "responses" (one row per
 * response, streamed to disk) and sheet "codebook" (question names, titles, types, value labels). Text is
 * written as text cells, never as formulas.
 */
export async function exportXlsx(
  stored: ResponseService,
  surveys: SurveyService,
  slug: string,
  file: string,
): Promise<number> {
  const { compiled } = await surveys.get(slug);
  const questions = [...compiled.questions.values()];
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const responses = workbook.addWorksheet('responses');
  responses.columns = [
    { header: 'id', key: 'id', width: 24 },
    { header: 'submitted_at', key: 'submitted_at', width: 24 },
    { header: 'complete', key: 'complete', width: 10 },
    ...questions.map((question) => ({ header: question.name, key: question.name, width: 18 })),
  ];
  let count = 0;
  for await (const response of stored.stream(slug, { includePartial: true })) {
    const row: Record<string, unknown> = {
      id: response.id,
      submitted_at: response.submittedAt,
      complete: response.complete,
    };
    for (const question of questions) row[question.name] = cellValue(response.data[question.name]);
    responses.addRow(row).commit();
    count += 1;
  }
  responses.commit();

  const codebook = workbook.addWorksheet('codebook');
  codebook.columns = [
    { header: 'question', key: 'question', width: 28 },
    { header: 'title', key: 'title', width: 60 },
    { header: 'type', key: 'type', width: 14 },
    { header: 'value', key: 'value', width: 18 },
    { header: 'label', key: 'label', width: 40 },
  ];
  for (const question of questions) {
    const base = { question: question.name, title: question.title, type: question.type };
    if (question.choices.length === 0) codebook.addRow({ ...base, value: null, label: null }).commit();
    for (const choice of question.choices)
      codebook.addRow({ ...base, value: cellValue(choice.value), label: choice.text }).commit();
  }
  codebook.commit();
  await workbook.commit();
  return count;
}
