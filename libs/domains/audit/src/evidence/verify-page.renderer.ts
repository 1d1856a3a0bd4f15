import { AUDIT_ACTOR_TYPES } from '../ledger/audit-event.types.js';
import { AUDIT_LEAF_VERSION } from '../ledger/audit-leaf.codec.js';
import { ENTRY_MEMBERS } from './evidence-entries.codec.js';
import { FIXED_FILES, MANIFEST_MEMBERS, REQUIRED_FILES } from './evidence-pack-manifest.codec.js';
import { EVIDENCE_PACK_FAILURE_DESCRIPTIONS } from './evidence-pack.errors.js';
import { EVIDENCE_PACK_FORMAT, EVIDENCE_PACK_VERSION, IGNORED_SYSTEM_FILES } from './evidence-pack.types.js';
import { VERIFY_PAGE_SCRIPT } from './verify-page.script.js';

/** Nothing may be loaded or sent: the page verifies with what is on the auditor's disk, and cannot leak it. */
export const VERIFY_PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";

/**
 * The script with the constants it shares with the Node verifier written in front of it, so that both read the same
 * format. `<` is escaped so that no string in the constants can end the inline script element.
 */
export function verifyPageScript(): string {
  const constants = {
    format: EVIDENCE_PACK_FORMAT,
    version: EVIDENCE_PACK_VERSION,
    leafVersion: AUDIT_LEAF_VERSION,
    actorTypes: AUDIT_ACTOR_TYPES,
    fixedFiles: FIXED_FILES,
    requiredFiles: REQUIRED_FILES,
    manifestMembers: MANIFEST_MEMBERS,
    entryMembers: ENTRY_MEMBERS,
    ignoredFiles: IGNORED_SYSTEM_FILES,
    descriptions: EVIDENCE_PACK_FAILURE_DESCRIPTIONS,
  };
  const json = JSON.stringify(constants).replace(/</g, '\\u003c');
  return `const PACK = ${json};\n${VERIFY_PAGE_SCRIPT}`;
}

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.45; }
body { margin: 0; padding: 2rem; }
main { max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin-top: 0; }
.drop { border: 2px dashed #888; border-radius: 8px; padding: 1.25rem; margin: 1rem 0; }
.drop.over { border-color: #2563eb; background: rgba(37, 99, 235, 0.08); }
.drop label { font-weight: 600; margin-right: 0.75rem; }
.verdict { font-size: 1.75rem; font-weight: 700; margin: 1rem 0 0.25rem; }
.verdict.ok { color: #15803d; }
.verdict.bad { color: #b91c1c; }
#failure { border-left: 4px solid #b91c1c; padding: 0.5rem 0.75rem; background: rgba(185, 28, 28, 0.08); }
#failure code { font-weight: 700; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid rgba(128, 128, 128, 0.35); vertical-align: top; }
.status.verified { color: #15803d; font-weight: 600; }
.status.erased { color: #a16207; font-weight: 600; }
.status.failed { color: #b91c1c; font-weight: 600; }
pre { margin: 0.25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { color: #555; font-size: 0.9rem; }
`;

/** verify.html: one self-contained file, inline CSS and JavaScript, no network, opened from disk. */
export function renderVerifyPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${VERIFY_PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify a Verity evidence pack</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Verify a Verity evidence pack</h1>
<p>This page checks an evidence pack exported from a Verity audit log: the file hashes, the log's signature on the
checkpoint and the witnesses' cosignatures, every entry's leaf, payload hash and Merkle inclusion proof, and the anchor
receipts. It works offline: it is not allowed to load or send anything, and your files never leave this computer.</p>
<div id="drop" class="drop">
<label for="pack">Pack folder</label>
<input id="pack" type="file" webkitdirectory multiple>
<p class="note">Choose the pack folder (the one holding manifest.json), or drop it here.</p>
</div>
<details>
<summary>Trusted keys (optional)</summary>
<p class="note">By default the pack is checked against its own keys.txt, which shows only that the pack is consistent.
To check it against keys you obtained from the log operator independently, choose a file in the keys.txt format
(a <code># log</code> line, the log keys, a <code># witness</code> line, the witness keys).</p>
<label for="trusted-keys">Trusted keys file</label>
<input id="trusted-keys" type="file" accept=".txt,text/plain">
<p id="trusted-keys-state" class="note">Using the keys in the pack (keys.txt).</p>
</details>
<section id="result" hidden aria-live="polite">
<p id="verdict" class="verdict" role="status"></p>
<p id="summary"></p>
<div id="failure" hidden>
<p><code id="failure-code"></code> <span id="failure-message"></span></p>
<p id="failure-description"></p>
</div>
<h2>Checkpoint</h2>
<dl id="checkpoint"></dl>
<table id="entries" hidden>
<thead><tr><th>Index</th><th>Recorded at</th><th>Actor</th><th>Action</th><th>Subject</th><th>Status</th><th>Payload</th></tr></thead>
<tbody id="entries-body"></tbody>
</table>
<h2>Anchors</h2>
<ul id="anchors"></ul>
<p class="note">RFC 3161 time-stamps are matched to the checkpoint here; the time-stamping authority's signature is
checked with <code>openssl ts -verify</code> (see README.txt).</p>
</section>
</main>
<script>
${verifyPageScript()}</script>
</body>
</html>
`;
}
