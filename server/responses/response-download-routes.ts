import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Router } from 'express';
import { NotFoundError } from '../errors';
import { requireRole } from '../http/auth';
import type { SurveyService } from '../surveys/survey-service';
import { exportResponses } from './response-export';
import type { ResponseService } from './response-service';
import { exportXlsx } from './xlsx-export';

const DOWNLOADS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;
const isDownload = (format: string): format is keyof typeof DOWNLOADS => Object.hasOwn(DOWNLOADS, format);

/**
 * Every response (complete and partial), as `canvass export` writes them, for staff who go on in a spreadsheet, R or
 * SPSS without access to the server. Researchers and admins only: the answers are unpublished and not suppressed.
 * Streamed from the store, so memory does not grow with the responses.
 */
export function responseDownloadRoutes(responses: ResponseService, surveys: SurveyService): Router {
  const router = Router();
  router.get('/staff/surveys/:slug/responses.:format', requireRole('researcher'), async (req, res) => {
    const format = req.params.format;
    if (!isDownload(format)) throw new NotFoundError({ message: 'The responses come as .csv, .xlsx or .json' });
    // Refused before anything is sent, so an unknown survey is a page, not a downloaded file.
    const { record } = await surveys.get(req.params.slug);
    const name = `${record.slug}-responses.${format}`;
    if (format === 'xlsx') {
      // The workbook goes to a file first: its writer does not wait for a slow reader, so written to the download
      // it would pile up in memory; the file is sent as fast as the reader takes it, then removed.
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'canvass-download-'));
      const file = path.join(dir, name);
      try {
        await exportXlsx(responses, surveys, record.slug, file);
        await new Promise<void>((resolve, reject) =>
          res.download(file, name, (error) => (error && !res.headersSent ? reject(error) : resolve())),
        );
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
      return;
    }
    res.type(DOWNLOADS[format]);
    res.attachment(name);
    await exportResponses(responses, surveys, record.slug, format, res);
    res.end();
  });
  return router;
}
