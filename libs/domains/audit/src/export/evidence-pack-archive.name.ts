/**
 * The name of an export's archive and of the one folder inside it: `evidence-<origin>-<export id>`, with the origin's
 * `/` and anything else outside `A-Za-z0-9._-` turned into `-` so that it is a safe file name everywhere.
 */
export function evidencePackArchiveName(origin: string, exportId: string): string {
  return `evidence-${origin.replace(/[^A-Za-z0-9._-]+/g, '-')}-${exportId}`;
}
