import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { FINCEN_ORGANIZATION_TYPES } from './fincen-batch.parts.js';
import { FINCEN_SAR_CLASSIFICATIONS } from './fincen-sar.renderer.js';
import { GOAML_INDICATORS, GOAML_TRANSMODE } from './goaml-report.renderer.js';
import { REPORT_SCHEMAS } from './report.renderer.js';

interface Definition {
  format: string;
  schema?: string;
  renderer: string;
  codeLists?: Record<string, unknown>;
}

const read = (id: string): Definition =>
  JSON.parse(readFileSync(join(projectRoot(), 'reports', id, 'definition.json'), 'utf8')) as Definition;

describe('reports/<definition>/definition.json', () => {
  it.each(['goaml-str', 'goaml-sar'])('%s names the schema and the code lists the goAML renderer uses', (id) => {
    const definition = read(id);
    expect(definition.schema).toBe(REPORT_SCHEMAS.goaml);
    expect(definition.codeLists?.report_indicator).toEqual(GOAML_INDICATORS);
    expect(definition.codeLists?.transmode_code).toEqual(GOAML_TRANSMODE);
  });

  it('fincen-sar names the schema, the classifications and organisation types the renderer uses', () => {
    const definition = read('fincen-sar');
    expect(definition.schema).toBe(REPORT_SCHEMAS['fincen-sar']);
    expect(definition.codeLists?.classification).toEqual(FINCEN_SAR_CLASSIFICATIONS);
    expect(definition.codeLists?.organization_type).toEqual(FINCEN_ORGANIZATION_TYPES);
  });

  it('fincen-ctr names the schema the renderer validates against', () => {
    expect(read('fincen-ctr').schema).toBe(REPORT_SCHEMAS['fincen-ctr']);
  });

  it.each(['goaml-str', 'goaml-sar', 'fincen-sar', 'fincen-ctr', 'pdf-case-report'])(
    '%s points at a renderer and schema that exist',
    (id) => {
      const definition = read(id);
      expect(() => readFileSync(join(projectRoot(), definition.renderer))).not.toThrow();
      if (definition.schema) expect(() => readFileSync(join(projectRoot(), definition.schema ?? ''))).not.toThrow();
    },
  );
});
