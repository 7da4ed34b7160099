/**
 * Input the analysis cannot work with (a filter naming no question, a date that is not one...), naming the input
 * it is about. `analysis/` stays free of the server: the API turns it into a 400 with `{ field, message }`, and
 * the command line words the field as its flag.
 */
export class AnalysisInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}
