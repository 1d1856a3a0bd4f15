import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@platform/config';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { signNote } from '../note/signed-note.signer.js';
import { openSignedNote } from '../note/signed-note.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { loadNoteSigners, type SigningKeySettings } from './note-signer.provider.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function settings(overrides: Partial<SigningKeySettings> = {}): SigningKeySettings & { logged: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'verity-keys-'));
  dirs.push(dir);
  const logged: string[] = [];
  return {
    signingKeys: undefined,
    signingKeyFile: undefined,
    production: false,
    keyName: 'verity.local',
    developmentKeyFile: join(dir, '.data/audit-signing.key'),
    log: (m) => logged.push(m),
    logged,
    ...overrides,
  };
}

describe('loadNoteSigners', () => {
  it('signs with every configured key, so notes verify with the old and the new key during a rotation', async () => {
    const oldPair = generateNoteKeyPair('verity.local');
    const newPair = generateNoteKeyPair('verity.local');
    const { signers } = loadNoteSigners(settings({ signingKeys: `${oldPair.signerKey}, ${newPair.signerKey}` }));
    expect(signers.map((s) => s.verifierKey)).toEqual([oldPair.verifierKey, newPair.verifierKey]);
    const note = await signNote('verity.local/demo\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', signers);
    for (const pair of [oldPair, newPair]) {
      expect(openSignedNote(note, [Ed25519NoteVerifier.fromVerifierKey(pair.verifierKey)]).signatures).toHaveLength(1);
    }
  });

  it('generates a development key once, keeps it in the file, and says which verifier key it has', () => {
    const s = settings();
    const first = loadNoteSigners(s);
    expect(s.logged.join('\n')).toContain(first.signers[0].verifierKey);
    expect(statSync(s.developmentKeyFile).mode & 0o777).toBe(0o600);
    const again = loadNoteSigners({ ...s, log: () => undefined });
    expect(again.signers[0].verifierKey).toBe(first.signers[0].verifierKey);
    expect(readFileSync(s.developmentKeyFile, 'utf8')).toMatch(/^PRIVATE\+KEY\+verity\.local\+/);
  });

  it('reads AUDIT_SIGNING_KEY_FILE (one key per line)', () => {
    const s = settings();
    const pair = generateNoteKeyPair('verity.local');
    const file = join(dirs[0], 'keys.txt');
    writeFileSync(file, `${pair.signerKey}\n`);
    expect(loadNoteSigners({ ...s, signingKeyFile: file }).signers[0].verifierKey).toBe(pair.verifierKey);
  });

  it('is a configuration error in production without a key, and never echoes a malformed key', () => {
    expect(() => loadNoteSigners(settings({ production: true }))).toThrow(ConfigError);
    const secret = 'PRIVATE+KEY+verity.local+00000000+AXNlY3JldA==';
    let message = '';
    try {
      loadNoteSigners(settings({ signingKeys: secret }));
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('signing key 1');
    expect(message).not.toContain('AXNlY3JldA');
  });
});
