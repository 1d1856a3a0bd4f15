import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { CompactRangeBuilder } from '../tree/compact-range.builder.js';
import { LeafHashArraySource } from '../tree/leaf-hash-array.source.js';
import { emptyTreeRoot, hashLeaf } from '../tree/merkle-tree.hasher.js';
import { consistencyProof } from './consistency-proof.builder.js';
import { verifyConsistency } from './consistency-proof.verifier.js';
import { inclusionProof } from './inclusion-proof.builder.js';
import { verifyInclusion } from './inclusion-proof.verifier.js';

/*
 * The published Certificate Transparency test vectors: an 8-leaf tree, its roots at sizes 1–8, and inclusion and
 * consistency proofs over it. Source: transparency-dev/merkle proof/verify_test.go (the `leaves`, `roots`,
 * `inclusionProofs` and `consistencyProofs` tables, originally from google/certificate-transparency's C++ tests).
 * There, inclusion vectors give the leaf as a 1-based number; here they are 0-based indexes.
 */
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const INCLUSION_PROOFS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const CONSISTENCY_PROOFS: { from: number; to: number; proof: string[] }[] = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

const leafHashes = LEAVES.map((leaf) => hashLeaf(fromHex(leaf)));
const source = new LeafHashArraySource(leafHashes);
const root = (size: number): Uint8Array => fromHex(ROOTS[size - 1]);

describe('Certificate Transparency test vectors', () => {
  it('reproduces the published roots for sizes 1 to 8, and the empty root', () => {
    const builder = new CompactRangeBuilder();
    expect(hex(builder.root())).toBe(hex(emptyTreeRoot()));
    leafHashes.forEach((leafHash, i) => {
      builder.append(leafHash);
      expect(hex(builder.root()), `size ${i + 1}`).toBe(ROOTS[i]);
    });
  });

  it.each(INCLUSION_PROOFS)(
    'generates and verifies the published inclusion proof for leaf $index of $size',
    async (vector) => {
      const { index, size, proof } = vector;
      expect((await inclusionProof(index, size, source)).map(hex)).toEqual(proof);
      verifyInclusion(leafHashes[index], index, size, proof.map(fromHex), root(size));
    },
  );

  it.each(CONSISTENCY_PROOFS)('generates and verifies the published consistency proof $from → $to', async (vector) => {
    const { from, to, proof } = vector;
    expect((await consistencyProof(from, to, source)).map(hex)).toEqual(proof);
    verifyConsistency(from, to, proof.map(fromHex), root(from), root(to));
  });

  it('rejects the published inclusion proofs once corrupted', () => {
    const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');
    for (const { index, size, proof: published } of INCLUSION_PROOFS.filter(({ proof }) => proof.length > 0)) {
      const proof = published.map(fromHex);
      const leaf = leafHashes[index];
      const probes: [string, () => unknown][] = [
        ['index - 1', () => verifyInclusion(leaf, index - 1, size, proof, root(size))],
        ['index + 1', () => verifyInclusion(leaf, index + 1, size, proof, root(size))],
        ['size * 2', () => verifyInclusion(leaf, index, size * 2, proof, root(size))],
        ['size / 2', () => verifyInclusion(leaf, index, Math.floor(size / 2), proof, root(size))],
        ['wrong leaf', () => verifyInclusion(hashLeaf(Buffer.from('WrongLeaf')), index, size, proof, root(size))],
        ['empty root', () => verifyInclusion(leaf, index, size, proof, emptyTreeRoot())],
        ['random root', () => verifyInclusion(leaf, index, size, proof, someHash)],
        ['trailing root', () => verifyInclusion(leaf, index, size, [...proof, root(size)], root(size))],
        ['preceding root', () => verifyInclusion(leaf, index, size, [root(size), ...proof], root(size))],
        ['removed hash', () => verifyInclusion(leaf, index, size, proof.slice(0, -1), root(size))],
        ...proof.map((hash, i): [string, () => unknown] => {
          const flipped = Uint8Array.from(hash);
          flipped[0] ^= 8;
          return [`proof[${i}] bit 3`, () => verifyInclusion(leaf, index, size, proof.with(i, flipped), root(size))];
        }),
      ];
      for (const [name, probe] of probes)
        expect(codeOf(probe), `${name} for ${index}/${size}`).toMatch(/^audit\/proof_/);
    }
  });

  it('rejects the published consistency proofs once corrupted', () => {
    for (const { from, to, proof: published } of CONSISTENCY_PROOFS.filter(({ proof }) => proof.length > 0)) {
      const proof = published.map(fromHex);
      const [root1, root2] = [root(from), root(to)];
      const probes: [string, () => unknown][] = [
        ['from - 1', () => verifyConsistency(from - 1, to, proof, root1, root2)],
        ['from + 1', () => verifyConsistency(from + 1, to, proof, root1, root2)],
        ['to * 2', () => verifyConsistency(from, to * 2, proof, root1, root2)],
        ['swapped roots', () => verifyConsistency(from, to, proof, root2, root1)],
        ['empty proof', () => verifyConsistency(from, to, [], root1, root2)],
        ['trailing root', () => verifyConsistency(from, to, [...proof, root2], root1, root2)],
        ['preceding proof[0]', () => verifyConsistency(from, to, [proof[0], ...proof], root1, root2)],
        ['truncated', () => verifyConsistency(from, to, proof.slice(0, -1), root1, root2)],
        ...proof.map((hash, i): [string, () => unknown] => {
          const flipped = Uint8Array.from(hash);
          flipped[0] ^= 16;
          return [`proof[${i}] bit 4`, () => verifyConsistency(from, to, proof.with(i, flipped), root1, root2)];
        }),
      ];
      for (const [name, probe] of probes)
        expect(codeOf(probe), `${name} for ${from} → ${to}`).toMatch(/^audit\/proof_/);
    }
  });
});
