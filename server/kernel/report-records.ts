import { z } from 'zod';

/** One edit of a report's narrative (or its final mark), as the store keeps it. */
export const reportEditSchema = z.object({
  surveySlug: z.string(),
  /** background, discussion, conclusion, recommendations, interpretation:<finding number>, or final. */
  section: z.string(),
  text: z.string(),
  editedBy: z.string(),
  editedAt: z.string(),
});
export type ReportEdit = z.infer<typeof reportEditSchema>;
