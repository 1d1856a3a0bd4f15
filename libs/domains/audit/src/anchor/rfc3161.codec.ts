import { AnchorError } from '../audit.errors.js';
import {
  DER,
  decodeDer,
  decodeDerBoolean,
  decodeDerGeneralizedTime,
  decodeDerInteger,
  decodeDerObjectIdentifier,
  derBoolean,
  derChildren,
  derInteger,
  derNull,
  derObjectIdentifier,
  derOctetString,
  derSequence,
  expectTag,
} from './der.codec.js';
import type { DerElement } from './der.codec.js';

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';

/** RFC 3161 §2.4.2 PKIStatus values that carry a token. */
const GRANTED = 0n;
const GRANTED_WITH_MODS = 1n;

const FAILURE_NAMES: Readonly<Record<number, string>> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** The fields of a TSTInfo (RFC 3161 §2.4.2) this anchor checks and records. */
export interface TimeStampTokenInfo {
  readonly policy: string;
  readonly hashAlgorithm: string;
  readonly messageImprint: Uint8Array;
  readonly serialNumber: bigint;
  readonly genTime: Date;
  readonly nonce: bigint | undefined;
}

function malformed(reason: string): AnchorError {
  return new AnchorError('audit/anchor_der_malformed', `malformed RFC 3161 structure: ${reason}`);
}

function present(element: DerElement | undefined, what: string): DerElement {
  if (element === undefined) throw malformed(`${what} is missing`);
  return element;
}

/**
 * TimeStampReq (RFC 3161 §2.4.1): version 1, the SHA-256 message imprint, a nonce so an old answer cannot be replayed,
 * and certReq so the token carries the TSA certificate and verifies without fetching it.
 */
export function encodeTimeStampRequest(sha256Digest: Uint8Array, nonce: bigint): Uint8Array {
  if (sha256Digest.length !== 32) throw malformed('a SHA-256 message imprint is 32 bytes');
  return derSequence(
    derInteger(1n),
    derSequence(derSequence(derObjectIdentifier(OID_SHA256), derNull()), derOctetString(sha256Digest)),
    derInteger(nonce),
    derBoolean(true),
  );
}

function describeStatus(children: readonly DerElement[], status: bigint): string {
  const parts = [`status ${status}`];
  for (const child of children.slice(1)) {
    if (child.tag === DER.SEQUENCE) {
      const texts = derChildren(child)
        .filter((text) => text.tag === DER.UTF8_STRING)
        .map((text) => new TextDecoder().decode(text.content));
      if (texts.length > 0) parts.push(texts.join('; '));
    } else if (child.tag === DER.BIT_STRING && child.content.length > 1) {
      const failures: string[] = [];
      for (let bit = 0; bit < (child.content.length - 1) * 8; bit += 1) {
        if ((child.content[1 + Math.floor(bit / 8)] & (0x80 >> (bit % 8))) !== 0) {
          failures.push(FAILURE_NAMES[bit] ?? `failure bit ${bit}`);
        }
      }
      if (failures.length > 0) parts.push(failures.join(', '));
    }
  }
  return parts.join(': ');
}

/**
 * TimeStampResp (RFC 3161 §2.4.2): returns the DER of the token when the status grants one, and throws
 * 'audit/anchor_tsa_failed' with the TSA's reason otherwise.
 */
export function decodeTimeStampResponse(response: Uint8Array): Uint8Array {
  const [statusInfo, token] = derChildren(decodeDer(response, DER.SEQUENCE));
  if (statusInfo === undefined) throw malformed('the response has no status');
  const statusChildren = derChildren(expectTag(statusInfo, DER.SEQUENCE, 'PKIStatusInfo'));
  if (statusChildren.length === 0) throw malformed('PKIStatusInfo is empty');
  const status = decodeDerInteger(statusChildren[0]);
  if (status !== GRANTED && status !== GRANTED_WITH_MODS) {
    throw new AnchorError(
      'audit/anchor_tsa_failed',
      `the TSA refused the time-stamp request (${describeStatus(statusChildren, status)})`,
    );
  }
  if (token === undefined) throw malformed('a granted response carries no token');
  return expectTag(token, DER.SEQUENCE, 'TimeStampToken').encoded;
}

/**
 * Reads the TSTInfo out of a TimeStampToken (a CMS SignedData). The signature over it is not checked here: that is
 * `openssl ts -verify`'s job, against a CA the verifier trusts.
 */
export function decodeTimeStampToken(token: Uint8Array): TimeStampTokenInfo {
  const [contentType, wrapped] = derChildren(decodeDer(token, DER.SEQUENCE));
  if (contentType === undefined || decodeDerObjectIdentifier(contentType) !== OID_SIGNED_DATA) {
    throw malformed('the token is not CMS SignedData');
  }
  if (wrapped === undefined) throw malformed('the token has no content');
  const [signedData] = derChildren(expectTag(wrapped, DER.context(0), 'ContentInfo content'));
  const encapsulated = present(
    derChildren(expectTag(present(signedData, 'SignedData'), DER.SEQUENCE, 'SignedData'))[2],
    'the encapsulated content',
  );
  const [eContentType, eContent] = derChildren(expectTag(encapsulated, DER.SEQUENCE, 'EncapsulatedContentInfo'));
  if (eContentType === undefined || decodeDerObjectIdentifier(eContentType) !== OID_TST_INFO) {
    throw malformed('the signed content is not a TSTInfo');
  }
  if (eContent === undefined) throw malformed('the TSTInfo is missing');
  const [octets] = derChildren(expectTag(eContent, DER.context(0), 'eContent'));
  const tstInfo = decodeDer(expectTag(present(octets, 'eContent'), DER.OCTET_STRING, 'eContent').content, DER.SEQUENCE);
  return decodeTstInfo(tstInfo);
}

function decodeTstInfo(tstInfo: DerElement): TimeStampTokenInfo {
  const [version, policy, imprint, serial, genTime, ...optional] = derChildren(tstInfo);
  if (genTime === undefined) throw malformed('TSTInfo lacks required fields');
  if (decodeDerInteger(version) !== 1n) throw malformed('TSTInfo version is not 1');
  const [algorithm, hashed] = derChildren(expectTag(imprint, DER.SEQUENCE, 'MessageImprint'));
  if (algorithm === undefined || hashed === undefined) throw malformed('MessageImprint lacks fields');
  const [algorithmOid] = derChildren(expectTag(algorithm, DER.SEQUENCE, 'AlgorithmIdentifier'));
  present(algorithmOid, 'the hash algorithm');
  let nonce: bigint | undefined;
  for (const field of optional) {
    // accuracy (SEQUENCE), ordering (BOOLEAN), tsa [0] and extensions [1] are read past; the nonce is kept.
    if (field.tag === DER.INTEGER) nonce = decodeDerInteger(field);
    else if (field.tag === DER.BOOLEAN) decodeDerBoolean(field);
  }
  return {
    policy: decodeDerObjectIdentifier(policy),
    hashAlgorithm: decodeDerObjectIdentifier(algorithmOid),
    messageImprint: expectTag(hashed, DER.OCTET_STRING, 'hashedMessage').content,
    serialNumber: decodeDerInteger(serial),
    genTime: decodeDerGeneralizedTime(genTime),
    nonce,
  };
}
