import { z } from 'zod';
import { ROLES } from './roles';

export const roleSchema = z.enum(ROLES);

export const newUserSchema = z.object({
  email: z
    .email('must be an e-mail address')
    .max(254)
    .transform((email) => email.toLowerCase()),
  role: roleSchema,
  password: z.string().min(12, 'must be at least 12 characters').max(1024),
  /**
   * Restricts a researcher or viewer to these surveys; 'all' lifts a restriction. Absent: a new account sees
   * all surveys and an existing one keeps what it had, so changing a password never widens access.
   */
  surveys: z
    .union([z.literal('all'), z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be survey slugs')).min(1)])
    .optional(),
});

export const loginFormSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().max(1024),
  next: z.string().max(2048).optional(),
  _csrf: z.string().optional(),
});

export type NewUser = z.input<typeof newUserSchema>;
