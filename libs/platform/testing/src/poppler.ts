import { existsSync } from 'node:fs';
import { warnSkipped } from './chromium.js';

/** The poppler tools the PDF tests read rendered reports with (Debian's `poppler-utils`). */
const POPPLER_TOOLS = ['/usr/bin/pdftotext', '/usr/bin/pdfinfo', '/usr/bin/pdftoppm'];

/**
 * True when poppler's tools are installed; otherwise says loudly that the checks reading PDFs back are skipped (the
 * PDFs are still rendered), as hasChromium does for browser tests.
 */
export function hasPoppler(): boolean {
  const missing = POPPLER_TOOLS.filter((tool) => !existsSync(tool));
  if (missing.length === 0) return true;
  warnSkipped(`PDF TEXT CHECKS SKIPPED: not found: ${missing.join(', ')}`, 'apt-get install poppler-utils');
  return false;
}
