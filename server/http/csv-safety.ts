const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheet programs run a cell that starts with =, +, -, @, tab or CR as a formula (CSV injection).
 * Respondent text gets a leading apostrophe so it shows as typed and never runs.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
