import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical/canonical-json.encoder.js';
import { createEvidenceFixture } from './evidence-pack.fixture.js';
import type { EvidencePackReport } from './evidence-pack.types.js';
import { EvidencePackVerifier } from './evidence-pack.verifier.js';
import { renderVerifyPage, VERIFY_PAGE_CSP, verifyPageScript } from './verify-page.renderer.js';

type PageVerify = (
  files: ReadonlyMap<string, Uint8Array>,
  options?: { trustedKeys?: string; minWitnessQuorum?: number },
) => Promise<{ report: EvidencePackReport }>;

// Node 20 has the same WebCrypto (Ed25519 included), TextDecoder, atob and btoa as the browser, so the page's own
// script runs here unchanged; wrapping it in a function keeps its declarations out of the global scope.
const verifyInPage = runInThisContext(
  `(function () {\n${verifyPageScript()}\nreturn verifyEvidencePack;\n})()`,
) as PageVerify;

const fixture = await createEvidenceFixture();
const nodeVerifier = new EvidencePackVerifier();

/** Everything but the human-readable messages, which may word the same failure differently. */
function outcome(report: EvidencePackReport): unknown {
  const { failure, checkpoint, entries, anchors, summary, ok } = report;
  return {
    ok,
    failure: failure && { code: failure.code, file: failure.file, index: failure.index },
    checkpoint,
    entries: entries.map(({ index, status, failure: entryFailure }) => ({ index, status, code: entryFailure?.code })),
    anchors,
    summary,
  };
}

describe('verify.html script, run under Node', () => {
  it('verifies the untouched pack exactly as the Node verifier does', async () => {
    const { report } = await verifyInPage(fixture.files);

    expect(report.ok).toBe(true);
    expect(outcome(report)).toEqual(outcome(nodeVerifier.verify({ files: fixture.files, specialPaths: [] })));
  });

  it.each(fixture.cases.map((tamper) => [tamper.name, tamper] as const))(
    'agrees with the Node verifier on %s',
    async (_, tamper) => {
      const { report } = await verifyInPage(tamper.files, tamper.options);
      const expected = nodeVerifier.verify({ files: tamper.files, specialPaths: [] }, tamper.options);

      expect(report.failure?.code).toBe(tamper.code);
      expect(outcome(report)).toEqual(outcome(expected));
    },
  );
});

describe("the page script's RFC 8785 canonicalisation", () => {
  const canonicalInPage = runInThisContext(`(function () {\n${verifyPageScript()}\nreturn canonicalJson;\n})()`) as (
    value: unknown,
  ) => string;

  it('writes the example of RFC 8785 section 3.2.2 byte for byte', () => {
    const input =
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
      '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}';
    const expected =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';

    expect(canonicalInPage(JSON.parse(input))).toBe(expected);
    expect(canonicalInPage(JSON.parse(input))).toBe(canonicalJson(JSON.parse(input)));
  });

  it('orders members by UTF-16 code units, as the core does', () => {
    const value: unknown = JSON.parse('{"\\u00e9":1,"z":2,"\\ud83d\\ude00":3,"\\u00e0":[{"b":-0,"a":1e21,"":0.1}]}');

    expect(canonicalInPage(value)).toBe(canonicalJson(value));
  });
});

describe('verify.html', () => {
  const page = renderVerifyPage();

  it('forbids every network access with its Content-Security-Policy', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${VERIFY_PAGE_CSP}">`);
    expect(VERIFY_PAGE_CSP).toBe("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
  });

  it('loads nothing from outside the file', () => {
    for (const reference of [/\ssrc=/i, /\shref=/i, /url\(/i, /@import/i, /fetch\(/, /XMLHttpRequest/, /WebSocket/]) {
      expect(page).not.toMatch(reference);
    }
    // One inline script: a second one, or one ended early by a string in the constants, would break verification.
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page.match(/<\/script>/g)).toHaveLength(1);
  });
});
