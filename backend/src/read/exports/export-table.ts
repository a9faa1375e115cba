import type { Cell } from './csv-writer';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLang = 'zh' | 'en';

/** One column of an export: its header in both languages and its width in Excel (characters). */
export interface ExportColumn {
  zh: string;
  en: string;
  width: number;
}

/**
 * What an export streams: its columns and the rows, page by page, as they come from PostgreSQL
 * (never the whole result at once).
 */
export interface ExportTable {
  /** File name without extension, e.g. 企业列表-2026-03-15 (may be Chinese: sent as RFC 5987 filename*). */
  fileName: string;
  /** ASCII fallback for old clients, e.g. enterprises-2026-03-15. */
  asciiName: string;
  sheetName: string;
  columns: readonly ExportColumn[];
  /** Overrides the CSV header line (when a contract fixes it, e.g. the credit lists' uscc,name,regionCode,since). */
  csvHeader?: readonly string[];
  pages: AsyncIterable<readonly (readonly Cell[])[]>;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function headerOf(columns: readonly ExportColumn[], lang: ExportLang): string[] {
  return columns.map((c) => c[lang]);
}

/** Pages of one array (a result that is small by definition, e.g. 400 days of ratings). */
export async function* onePage<T>(rows: readonly T[]): AsyncIterable<readonly T[]> {
  yield rows;
}

/**
 * Keyset pages: fetch(after) returns up to size rows after the given key (null: from the start);
 * stops at the first short page.
 */
export async function* keysetPages<Row, Key>(size: number, fetch: (after: Key | null, size: number) => Promise<Row[]>, keyOf: (row: Row) => Key): AsyncIterable<Row[]> {
  let after: Key | null = null;
  for (;;) {
    const rows = await fetch(after, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

export async function* mapPages<A, B>(pages: AsyncIterable<readonly A[]>, f: (a: A) => B): AsyncIterable<B[]> {
  for await (const page of pages) yield page.map(f);
}

/**
 * Pages of a JSON route's own cursor paging (items + nextCursor), so an export holds exactly the
 * rows the route answers, with its filters and its jurisdiction.
 */
export async function* cursorPages<T>(fetch: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncIterable<T[]> {
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await fetch(cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/** A column holding one field of a JSON row (the export's columns are the route's fields). */
export interface FieldColumn<T> extends ExportColumn {
  field: keyof T & string;
}

/** One row of cells from a JSON row; arrays are joined with "; ". */
export function cellsOf<T>(columns: readonly FieldColumn<T>[], row: T): Cell[] {
  return columns.map((c) => {
    const v = row[c.field] as unknown;
    if (Array.isArray(v)) return v.join('; ');
    return v === undefined ? null : (v as Cell);
  });
}
