import { parseString } from '@fast-csv/parse';
import * as ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from '@envface/streams';
import { ApiError } from '../../platform/web/api-error';

/** A file's rows as text: the header and the data rows with their spreadsheet line (header = 1). */
export interface ImportTable {
  header: string[];
  dataRows: { line: number; cells: string[] }[];
}

export type ImportFileType = 'csv' | 'xlsx';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The file's type from its bytes (never from the client's claim): an XLSX is a ZIP; a CSV is UTF-8
 * text without NUL. Anything else (an old .xls, a picture, UTF-16 text) is refused.
 */
export function importFileTypeOf(bytes: Buffer): ImportFileType | null {
  if (bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) return 'xlsx';
  if (bytes.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'csv';
  } catch {
    return null;
  }
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

function tooMany(): ApiError {
  return new ApiError(400, 'too_many_rows', `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it into several files`);
}

async function readCsv(bytes: Buffer): Promise<ImportTable> {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const records: string[][] = [];
  await new Promise<void>((resolve, reject) => {
    parseString(text, { headers: false, ignoreEmpty: false, strictColumnHandling: false, discardUnmappedColumns: false })
      .on('error', reject)
      .on('data', (record: string[]) => {
        records.push(record);
      })
      .on('end', () => resolve());
  }).catch((error: unknown) => {
    throw new ApiError(400, 'unreadable_file', `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}`);
  });
  return table(records.map((cells, i) => ({ line: i + 1, cells })));
}

/** A cell as the text a person sees (numbers as typed, rich text flattened, formulas by their result). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString() : v.result);
  return cell.text ?? '';
}

async function readXlsx(bytes: Buffer): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ApiError(400, 'unreadable_file', 'The Excel file could not be read; save it again as .xlsx or .csv');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ApiError(400, 'empty_file', 'The file has no sheet');
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw tooMany();
  const rows: { line: number; cells: string[] }[] = [];
  const width = Math.min(sheet.actualColumnCount || sheet.columnCount, 50);
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push({ line, cells });
  });
  return table(rows);
}

function table(rows: { line: number; cells: string[] }[]): ImportTable {
  const nonBlank = rows.filter((r) => !isBlank(r.cells));
  const [head, ...data] = nonBlank;
  if (!head) throw new ApiError(400, 'empty_file', 'The file is empty');
  if (data.length === 0) throw new ApiError(400, 'empty_file', 'The file has a header but no rows');
  if (data.length > MAX_IMPORT_ROWS) throw tooMany();
  return { header: head.cells, dataRows: data };
}

export function readImportFile(type: ImportFileType, bytes: Buffer): Promise<ImportTable> {
  return type === 'csv' ? readCsv(bytes) : readXlsx(bytes);
}
