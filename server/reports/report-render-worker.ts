import { parentPort, workerData } from 'node:worker_threads';
import { renderReportDocx } from './report-docx';
import type { ReportModel } from './report-model';

/** Writes a report as Word off the server's request thread; see ReportRenderer. */
const { report } = workerData as { report: ReportModel };
void renderReportDocx(report).then((body) => parentPort!.postMessage(body));
