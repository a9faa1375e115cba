/** Leading characters a spreadsheet would run as a formula (OWASP CSV injection): neutralised by a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | boolean | null | undefined;

/** One CSV field: formula-neutralised, then quoted per RFC 4180 when it holds a quote, comma or line break. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let v = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV record with its CRLF. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** UTF-8 byte order mark: Excel then reads the Chinese names as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** A whole (small) CSV document: BOM, header, rows, CRLF lines. */
export function csvDocument(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
}
