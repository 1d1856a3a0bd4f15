/**
 * A list file that cannot be read as its declared format: broken quoting, wrong root element, truncated
 * content, missing required columns, no entries. The message says what and, where known, on which line;
 * the importer reports it and keeps the previous list version active.
 */
export class ListFormatError extends Error {
  override readonly name = 'ListFormatError';

  constructor(
    message: string,
    /** 1-based line in the offending file, when the parser knows it. */
    readonly line?: number,
    /** Which file of a multi-file list (e.g. 'sdn', 'alt'), when relevant. */
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${message}${line !== undefined ? ` (line ${line})` : ''}`);
  }
}
