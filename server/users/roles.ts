/** Staff roles (kept in the shared kernel, as stored accounts carry them), without zod for the command line's help. */
export { ROLES, type Role } from '../kernel/roles';
