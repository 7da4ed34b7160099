/** A mistake in how a command was called: printed as it is, exit status 1. Its own file so main.ts loads no zod. */
export class CliError extends Error {}
