import type { EvidencePackManifest, EvidencePackSelection } from './evidence-pack.types.js';

export interface EvidencePackReadmeFacts {
  readonly manifest: EvidencePackManifest;
  readonly erased: number;
  /** Anchor receipt paths with their kinds. */
  readonly anchors: readonly { readonly path: string; readonly kind: string }[];
}

function describeSelection(selection: EvidencePackSelection): string {
  switch (selection.kind) {
    case 'subject':
      return `every entry about ${selection.subject.type} ${selection.subject.id}`;
    case 'index-range':
      return `every entry from index ${selection.start} to ${selection.end - 1}`;
    case 'time-range':
      return `entries recorded from ${selection.from} until ${selection.to}`;
  }
}

/** README.txt: what the pack is and the three ways to check it, with the commands for this pack's own anchors. */
export function renderPackReadme({ manifest, erased, anchors }: EvidencePackReadmeFacts): string {
  const rfc3161 = anchors.filter(({ kind }) => kind === 'rfc3161');
  const timeStampSteps =
    rfc3161.length === 0
      ? ['   This pack holds no RFC 3161 time-stamp receipts.']
      : [
          '   For each receipt below, extract the token and let OpenSSL check it against checkpoint.txt with the',
          "   time-stamping authority's certificates (obtain them from the TSA, not from this pack):",
          '',
          ...rfc3161.flatMap(({ path }) => [
            `     jq -r .tokenBase64 ${path} | openssl base64 -d -A > token.tsr`,
            '     openssl ts -verify -data checkpoint.txt -in token.tsr -token_in -CAfile tsa-ca.pem -untrusted tsa.pem',
            '',
          ]),
          '   "Verification: OK" means the authority saw exactly this checkpoint.txt at the time in the token.',
        ];
  return [
    `Verity evidence pack (${manifest.format}, version ${manifest.version})`,
    '',
    `Log:         ${manifest.origin}`,
    `Checkpoint:  tree size ${manifest.checkpoint.size}, root hash ${manifest.checkpoint.rootHash}`,
    `Entries:     ${manifest.entries.length} (${erased} erased)`,
    `Selection:   ${describeSelection(manifest.selection)}`,
    `Created:     ${manifest.createdAt}`,
    '',
    'This folder shows that the entries in entries.jsonl are in the tamper-evident audit log named above, unchanged,',
    'under a checkpoint the log signed (and witnesses cosigned), without trusting whoever handed you the folder.',
    'An "erased" entry is one whose personal data was erased at the data subject\'s request: its leaf and its place',
    'in the log still verify, but the pack does not hold its payload.',
    '',
    'Contents',
    '  manifest.json    what was exported, and the SHA-256 of every other file',
    '  checkpoint.txt   the signed checkpoint (C2SP signed note): log signature and witness cosignatures',
    '  keys.txt         the verifier keys of the log (# log) and of the witnesses (# witness)',
    '  entries.jsonl    one entry per line: the exact leaf bytes (base64), the decoded fields, payload and salt',
    '  proofs/          a c2sp.org/tlog-proof per entry, against checkpoint.txt',
    '  anchors/         receipts of where checkpoint.txt was anchored (RFC 3161 time-stamps, write-once storage)',
    '  verify.html      a page that verifies this folder in a browser, offline',
    '',
    'First, the keys',
    '  The pack carries its own keys, so on its own it only shows that it is consistent. Compare the keys in',
    '  keys.txt with the keys the log operator publishes (GET /v1/audit/keys) or that you recorded earlier, or',
    '  verify with your own copy of those keys as shown below.',
    '',
    '1. On the command line (the Verity CLI)',
    '     verity verify-pack <this folder>',
    '     verity verify-pack <this folder> --keys trusted-keys.txt --witness-quorum 2',
    '   It prints the checkpoint and the number of entries verified and erased, or the first problem with its code',
    '   (for example evidence/file_hash_mismatch), and exits with 0 or 1.',
    '',
    '2. In a browser, offline',
    '   Open verify.html (a current Chrome, Edge, Firefox or Safari) and choose this folder, or drop it onto the',
    '   page. It shows "Verified" or the first problem with the same codes. Any copy of verify.html verifies any',
    '   pack, so for an independent check use a copy you trust rather than the one inside this folder.',
    '',
    '3. RFC 3161 time-stamps, with OpenSSL',
    ...timeStampSteps,
    '',
    'The format is described in libs/domains/audit/src/evidence/README.md of the Verity source.',
    '',
  ].join('\n');
}
