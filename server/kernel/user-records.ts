import { z } from 'zod';
import { ROLES } from './roles';

/** A staff account as the store keeps it (the users domain's record). */
export const userRecordSchema = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  passwordHash: z.string(),
  createdAt: z.string(),
  /** Surveys this user may see; null for all. Admins always see all. */
  surveys: z.array(z.string()).nullable(),
  /** A disabled account cannot sign in and its sessions end; it stays in the audit trail's history. */
  disabled: z.boolean(),
  /** When role, password, restrictions or status last changed: sessions begun before it end. */
  changedAt: z.string(),
});
export type UserRecord = z.infer<typeof userRecordSchema>;

/** A personal API token as the store keeps it: its hash, never the token itself. */
export const apiTokenRecordSchema = z.object({
  /** Short public id, for listing and revoking. */
  id: z.string(),
  userEmail: z.string(),
  name: z.string(),
  /** sha256 of the token, hex. */
  hash: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenRecord = z.infer<typeof apiTokenRecordSchema>;
