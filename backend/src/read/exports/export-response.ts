import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Response } from 'express';
import * as ExcelJS from 'exceljs';
import { CSV_BOM, csvLine } from './csv-writer';
import { headerOf, XLSX_CONTENT_TYPE, type ExportFormat, type ExportLang, type ExportTable } from './export-table';

/** What an export sent: left on `res.locals.export` for the audit trail. */
export interface ExportOutcome {
  rows: number;
  /** false when the client went away or a page failed mid-way */
  complete: boolean;
}

/** attachment with an ASCII filename and the real (Chinese) one as RFC 5987 filename*. */
export function contentDisposition(fileName: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Resolves when the writable takes more; throws when the client went away (no more pages are fetched). */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('export: the client closed the connection');
  const ac = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
  if (out.destroyed) throw new Error('export: the client closed the connection');
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('export: the client closed the connection');
  if (!out.write(chunk)) await drained(out);
}

/** The CSV: BOM, header, one CRLF record per row, written page by page with backpressure. */
export async function writeCsv(out: Writable, table: ExportTable, lang: ExportLang): Promise<void> {
  await write(out, CSV_BOM + csvLine(table.csvHeader ?? headerOf(table.columns, lang)));
  for await (const page of table.pages) await write(out, page.map(csvLine).join(''));
}

/**
 * The XLSX through exceljs's streaming WorkbookWriter: header row in bold and frozen, column widths,
 * each row committed (flushed to the zip stream) as it comes. Strings stay strings: exceljs never
 * writes a cell value as a formula, so no neutralising is needed here.
 */
export async function writeXlsx(out: Writable, table: ExportTable, lang: ExportLang): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({ header: c[lang], key: `c${i}`, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of table.pages) {
    for (const row of page) sheet.addRow(row.map((v) => (v === undefined ? null : v))).commit();
    // The zip stream buffers what the response cannot take yet: wait for it before the next page.
    if (out.writableNeedDrain || out.destroyed) await drained(out);
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Sends an export: headers first, then the rows as they come. An error before the first byte becomes
 * the usual JSON error (thrown); after it the connection is cut, so a client never takes a truncated
 * file for a whole one.
 */
export async function sendExport(res: Response, format: ExportFormat, lang: ExportLang, table: ExportTable): Promise<void> {
  const pages = table.pages[Symbol.asyncIterator]();
  // How many rows went out, for the audit trail (auth/export-audit.interceptor.ts reads it afterwards).
  const sent: ExportOutcome = { rows: 0, complete: false };
  res.locals.export = sent;
  // Fetch the first page before answering: a bad query still gets its JSON error.
  const first = await pages.next();
  const replay: ExportTable = {
    ...table,
    pages: {
      async *[Symbol.asyncIterator]() {
        if (!first.done) {
          sent.rows += first.value.length;
          yield first.value;
        }
        for (;;) {
          const next = await pages.next();
          if (next.done) return;
          sent.rows += next.value.length;
          yield next.value;
        }
      },
    },
  };
  res.status(200);
  res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE);
  res.setHeader('content-disposition', contentDisposition(`${table.fileName}.${format}`, `${table.asciiName}.${format}`));
  res.setHeader('cache-control', 'no-store');
  try {
    if (format === 'csv') await writeCsv(res, replay, lang);
    else await writeXlsx(res, replay, lang);
    if (!res.writableEnded) res.end();
    sent.complete = true;
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
