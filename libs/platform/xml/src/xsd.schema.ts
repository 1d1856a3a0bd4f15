import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator, type ErrorDetail, type XmlElement } from 'libxml2-wasm';

/** One problem found while parsing or validating an XML document, located by line (1-based) where libxml2 knows it. */
export interface XmlIssue {
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
  /** The element the problem is about (its local name), when the message names one. */
  readonly element: string | null;
}

/** How an XML document fared against a schema: `valid` when `issues` is empty. */
export interface XmlValidationResult {
  readonly valid: boolean;
  readonly issues: readonly XmlIssue[];
}

const ELEMENT_IN_MESSAGE = /Element '(?:\{[^}]*\})?([^']+)'/;

function toIssue(detail: ErrorDetail): XmlIssue {
  const message = detail.message.trim();
  return {
    message,
    line: detail.line > 0 ? detail.line : null,
    column: detail.col > 0 ? detail.col : null,
    element: ELEMENT_IN_MESSAGE.exec(message)?.[1] ?? null,
  };
}

function issuesOf(error: unknown): XmlIssue[] {
  if (error instanceof XmlLibError && error.details.length > 0) return error.details.map(toIssue);
  return [{ message: error instanceof Error ? error.message : String(error), line: null, column: null, element: null }];
}

/**
 * A compiled W3C XML Schema (libxml2 compiled to WebAssembly: no native build, no network). Load a schema once and
 * validate many documents with it; `xs:include`/`xs:import` resolve relative to the schema file. libxml2 parses with
 * neither DTD loading nor entity substitution, but callers taking untrusted XML must still refuse DOCTYPEs and bound
 * size and depth before they get here (see the iso20022 domain's inbound guard).
 */
export class XsdSchema {
  private static readonly cache = new Map<string, XsdSchema>();

  private constructor(
    readonly path: string,
    private readonly validator: XsdValidator,
  ) {}

  /** The schema at `path`, compiled on first use and cached for the life of the process. */
  static load(path: string): XsdSchema {
    const cached = XsdSchema.cache.get(path);
    if (cached) return cached;
    const source = XmlDocument.fromBuffer(readFileSync(path), { url: pathToFileURL(path).href });
    try {
      const schema = new XsdSchema(path, XsdValidator.fromDoc(source));
      XsdSchema.cache.set(path, schema);
      return schema;
    } finally {
      source.dispose();
    }
  }

  /** Parses `xml` and validates the whole document. Parse errors come back as issues too. */
  validate(xml: string | Uint8Array): XmlValidationResult {
    let document: XmlDocument;
    try {
      document = typeof xml === 'string' ? XmlDocument.fromString(xml) : XmlDocument.fromBuffer(xml);
    } catch (error) {
      return { valid: false, issues: issuesOf(error) };
    }
    try {
      return this.validateParsed(document);
    } finally {
      document.dispose();
    }
  }

  /**
   * Validates an already parsed document, or one element of it with its subtree (e.g. the `Document` inside a
   * business application header envelope); line numbers stay those of the original text. The caller disposes it.
   */
  validateParsed(target: XmlDocument | XmlElement): XmlValidationResult {
    try {
      if (target instanceof XmlDocument) this.validator.validate(target);
      else this.validator.validate(target);
      return { valid: true, issues: [] };
    } catch (error) {
      return { valid: false, issues: issuesOf(error) };
    }
  }
}
