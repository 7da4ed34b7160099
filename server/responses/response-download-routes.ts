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
    res.type(DOWNLOADS[format]);
    res.attachment(`${record.slug}-responses.${format}`);
    if (format === 'xlsx') await exportXlsx(responses, surveys, record.slug, res);
    else {
      await exportResponses(responses, surveys, record.slug, format, res);
      res.end();
    }
  });
  return router;
}
