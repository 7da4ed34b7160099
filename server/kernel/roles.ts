/** Staff roles, without zod, so the command line can list them in its help without loading the schemas. */
export const ROLES = ['admin', 'researcher', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
