import { ParseOption, XmlDocument, XmlElement, XmlParseError, type XmlTreeNode } from 'libxml2-wasm';
import type { XmlIssue } from '@platform/xml';
import { Iso20022Error } from '../iso20022.errors.js';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';
import { copyElementTree, textAt, type XmlElementNode } from '../xml/xml-element.tree.js';
import { SUPPORTED_INBOUND_TYPES, type InboundMessageType } from './iso20022-payment.mapper.js';

const ISO_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3}\.\d{3}\.\d{2})$/;
const APP_HDR_TYPE = 'head.001.001.02';
/** Schema errors reported in a problem: enough to fix a message, bounded for a message that is wrong everywhere. */
const MAX_REPORTED_ISSUES = 50;
/** Where in an envelope the Document and AppHdr may sit (Envelope/…/Document); the guard bounds depth anyway. */
const MAX_ENVELOPE_DEPTH = 4;

export interface ReadMessage {
  readonly messageType: InboundMessageType;
  /** AppHdr/BizMsgIdr, when the message came with a business application header. */
  readonly businessMessageId: string | null;
  readonly document: XmlElementNode;
}

/** What the reader learned before it refused a message (for the rejection record). */
export interface ReadContext {
  messageType: string;
  businessMessageId: string | null;
  msgId: string | null;
}

/**
 * Parses a guarded body (no DTD, bounded size and depth) with libxml2 — network access off, CDATA as text — finds
 * the `Document` (bare or in any envelope beside an `AppHdr`), identifies the message by its namespace, validates the
 * AppHdr against head.001.001.02 and the Document against the XSD of its type, and copies the Document out of
 * WebAssembly memory. Fills `context` as it learns (type, ids), so a refusal can still be recorded with them.
 */
export function readInboundMessage(text: string, context: ReadContext): ReadMessage {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(text, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NOCDATA });
  } catch (error) {
    const details = error instanceof XmlParseError ? error.details : [];
    const first = details[0];
    throw new Iso20022Error(
      'iso20022/malformed_xml',
      'invalid',
      `The message is not well-formed XML${first ? ` (line ${first.line}: ${first.message.trim()})` : ''}`,
      {
        errors: details
          .slice(0, MAX_REPORTED_ISSUES)
          .map((d) => ({ line: d.line || null, column: d.col || null, element: null, message: d.message.trim() })),
      },
    );
  }
  try {
    const root = doc.root;
    const document = root.name === 'Document' ? root : findElement(root, 'Document');
    if (!document) {
      throw unsupported(
        `No ISO 20022 Document element found (root element <${root.name}>${root.namespaceUri ? ` in namespace ${root.namespaceUri}` : ''})`,
      );
    }
    const namespace = document.namespaceUri;
    const type = ISO_NAMESPACE.exec(namespace)?.[1];
    context.messageType = type ?? 'unknown';
    if (!type) {
      throw unsupported(
        namespace
          ? `The Document's namespace ${namespace} is not an ISO 20022 message namespace`
          : 'The Document has no namespace; expected urn:iso:std:iso:20022:tech:xsd:<message>',
      );
    }
    if (!(SUPPORTED_INBOUND_TYPES as readonly string[]).includes(type)) {
      throw unsupported(
        `Message ${type} (namespace ${namespace}) is not accepted here; supported: ${SUPPORTED_INBOUND_TYPES.join(', ')}`,
      );
    }
    const appHdrElement = root === document ? null : findElement(root, 'AppHdr');
    let businessMessageId: string | null = null;
    if (appHdrElement) {
      const headerType = ISO_NAMESPACE.exec(appHdrElement.namespaceUri)?.[1];
      if (headerType !== APP_HDR_TYPE) {
        throw unsupported(
          `The AppHdr's namespace ${appHdrElement.namespaceUri || '(none)'} is not supported; expected urn:iso:std:iso:20022:tech:xsd:${APP_HDR_TYPE}`,
        );
      }
      businessMessageId = textAt(copyElementTree(appHdrElement), 'BizMsgIdr') ?? null;
      context.businessMessageId = businessMessageId;
      assertValid(iso20022Schema(APP_HDR_TYPE).validateParsed(appHdrElement).issues, 'AppHdr', APP_HDR_TYPE);
    }
    const tree = copyElementTree(document);
    context.msgId = textAt(tree.children[0], 'GrpHdr', 'MsgId') ?? null;
    assertValid(iso20022Schema(type).validateParsed(document).issues, 'Document', type);
    return { messageType: type as InboundMessageType, businessMessageId, document: tree };
  } finally {
    doc.dispose();
  }
}

function assertValid(issues: readonly XmlIssue[], what: string, type: string): void {
  if (issues.length === 0) return;
  const first = issues[0];
  throw new Iso20022Error(
    'iso20022/schema_invalid',
    'unprocessable',
    `The ${what} is not valid against ${type}.xsd (${issues.length} error${issues.length === 1 ? '' : 's'}; first at line ${first.line ?? '?'}: ${first.message})`,
    {
      errors: issues
        .slice(0, MAX_REPORTED_ISSUES)
        .map((i) => ({ line: i.line, column: i.column, element: i.element, message: i.message })),
    },
  );
}

function unsupported(message: string): Iso20022Error {
  return new Iso20022Error('iso20022/unsupported_message', 'unprocessable', message);
}

/** Breadth-first search for the first element with that local name, a few levels down the envelope. */
function findElement(root: XmlElement, name: string): XmlElement | null {
  let level: XmlElement[] = [root];
  for (let depth = 0; depth < MAX_ENVELOPE_DEPTH && level.length > 0; depth++) {
    const next: XmlElement[] = [];
    for (const element of level) {
      for (let node: XmlTreeNode | null = element.firstChild; node !== null; node = node.next) {
        if (!(node instanceof XmlElement)) continue;
        if (node.name === name) return node;
        next.push(node);
      }
    }
    level = next;
  }
  return null;
}
