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
