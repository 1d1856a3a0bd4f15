import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ListFormatError } from './list-format.error.js';

/**
 * Reads CSV text into rows with strict quoting (a stray or unclosed quote is an error, not a guess), every row
 * having `columns` fields. Errors become ListFormatError with the file name and line.
 */
export function readCsvRows(text: string, file: string, columns: number | undefined): string[][] {
  if (typeof text !== 'string') throw new ListFormatError('expected text content', undefined, file);
  let rows: string[][];
  // OFAC's files end with a DOS end-of-file mark (Ctrl-Z); a byte-order mark may lead.
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  body = body.trimEnd();
  if (body.endsWith(String.fromCharCode(0x1a))) body = body.slice(0, -1);
  try {
    rows = parse(body, {
      relax_column_count: false,
      relax_quotes: false,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      throw new ListFormatError(`malformed CSV: ${error.message.replace(/^Invalid Record Length: /, '')}`, line, file);
    }
    throw new ListFormatError(
      `malformed CSV: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      file,
    );
  }
  if (columns !== undefined && rows.length > 0 && rows[0].length !== columns) {
    throw new ListFormatError(`expected ${columns} columns, found ${rows[0].length}`, 1, file);
  }
  return rows;
}
