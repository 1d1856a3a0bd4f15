import { fileTypeFromBuffer } from 'file-type';

/** The attachment kinds CASES_ATTACHMENT_TYPES may list, with the media type stored and served for each. */
export const ATTACHMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_MEDIA_TYPES;

/** What the bytes are: an allowed-able kind, or what was found instead (for the 415 message). */
export type DetectedAttachment =
  { readonly kind: AttachmentKind; readonly mediaType: string } | { readonly kind: null; readonly found: string };

const MAX_NAME_BYTES = 255;

/**
 * Names that would be active content if a browser or a desktop ever opened them despite the download headers: refused
 * whatever the bytes look like (a script is "text" to a byte sniffer).
 */
const ACTIVE_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'shtml',
  'svg',
  'svgz',
  'xml',
  'xsl',
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'vbs',
  'wsf',
  'hta',
  'exe',
  'dll',
  'com',
  'scr',
  'msi',
  'bat',
  'cmd',
  'ps1',
  'sh',
  'jar',
  'lnk',
  'php',
]);

/** Markup that could run script if rendered: text starting like this, or holding a script tag, is not plain text. */
const MARKUP = /^(?:\s|\uFEFF)*<(?:!doctype|html|svg|\?xml|script|head|body|iframe|object|embed|!--)|<script\b|<svg\b/i;

/** Why a file name is refused, or null when it is a plain name (no path, no control characters, ≤ 255 bytes). */
export function fileNameProblem(name: string): string | null {
  if (name.trim().length === 0) return 'the file name is empty';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `the file name is longer than ${MAX_NAME_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'the file name contains control characters';
  if (/[/\\]/.test(name)) return 'the file name contains a path separator';
  if (name === '.' || name.includes('..')) return 'the file name contains ".."';
  if (/^[A-Za-z]:/.test(name)) return 'the file name starts with a drive letter';
  return null;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** UTF-8 text without NULs or control characters other than tab, line feed, carriage return and form feed. */
function asPlainText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
  return text;
}

function looksLikeEmail(text: string): boolean {
  const head = text.slice(0, 4_096).split(/\r?\n\r?\n/)[0] ?? '';
  return /^from:/im.test(head) && /^(subject|date|message-id):/im.test(head) && /^[A-Za-z-]+: /.test(head);
}

/**
 * Decides an attachment's type from its bytes (magic numbers through `file-type`, then a UTF-8 text sniff): the
 * declared type and the name's extension are never trusted to widen it, only to refuse active content.
 */
export async function detectAttachment(bytes: Uint8Array, fileName: string): Promise<DetectedAttachment> {
  const extension = extensionOf(fileName);
  if (ACTIVE_EXTENSIONS.has(extension)) return { kind: null, found: `.${extension} file` };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const kind: string =
      detected.ext === 'jpg' ? 'jpeg' : detected.ext === 'cfb' && extension === 'msg' ? 'msg' : detected.ext;
    if (kind in ATTACHMENT_MEDIA_TYPES && kind !== 'txt' && kind !== 'csv' && kind !== 'eml') {
      const known = kind as AttachmentKind;
      return { kind: known, mediaType: ATTACHMENT_MEDIA_TYPES[known] };
    }
    return { kind: null, found: detected.mime };
  }
  const text = asPlainText(bytes);
  if (text === null) return { kind: null, found: 'unrecognised binary data' };
  if (MARKUP.test(text)) return { kind: null, found: 'markup (HTML, SVG or XML)' };
  const kind: AttachmentKind =
    extension === 'csv' ? 'csv' : extension === 'eml' && looksLikeEmail(text) ? 'eml' : 'txt';
  return { kind, mediaType: ATTACHMENT_MEDIA_TYPES[kind] };
}
