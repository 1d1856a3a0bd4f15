import { join } from 'node:path';
import { projectRoot } from '@platform/config';
import { XsdSchema } from '@platform/xml';

/**
 * The vendored official XSDs (`libs/domains/iso20022/schemas/xsd/`), found from the project root so that the sources
 * (vitest) and the build (dist/) both read the committed files.
 */
export function iso20022SchemaPath(messageType: string): string {
  return join(projectRoot(), 'libs', 'domains', 'iso20022', 'schemas', 'xsd', `${messageType}.xsd`);
}

/** The compiled schema of a message definition (`pacs.002.001.10`, `head.001.001.02`…), cached for the process. */
export function iso20022Schema(messageType: string): XsdSchema {
  return XsdSchema.load(iso20022SchemaPath(messageType));
}
