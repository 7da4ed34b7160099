/**
 * Told how far long work has gone: the phase in words ("choosing the number of themes"), and how much of it is
 * done out of how much (total 0 when the amount is not known). Called often; the receiver decides how often to
 * draw.
 */
export type ProgressCallback = (phase: string, done: number, total: number) => void;
