/** What an RFC 3161 TimeStampToken says it time-stamped, read without checking the TSA's signature. */
export interface TimeStampTokenContents {
  /** True when the message imprint's hash algorithm is SHA-256, the only one the evidence pack uses. */
  readonly sha256: boolean;
  readonly imprint: Uint8Array;
  /** The TSA's genTime as RFC 3339 (`2026-01-31T09:15:02Z`, with the token's fraction if any). */
  readonly time: string;
}

interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

// DER encodings of the object identifiers on the path to the message imprint.
const OID_SIGNED_DATA = '2a864886f70d010702'; // 1.2.840.113549.1.7.2
const OID_TST_INFO = '2a864886f70d0109100104'; // 1.2.840.113549.1.9.16.1.4
const OID_SHA256 = '608648016503040201'; // 2.16.840.1.101.3.4.2.1

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const OCTET_STRING = 0x04;
const INTEGER = 0x02;
const GENERALIZED_TIME = 0x18;
const CONTEXT_0 = 0xa0;

const GENERALIZED_TIME_TEXT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/;

function readTlv(bytes: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at];
  // Multi-byte tags never occur on the path read here.
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = bytes[at + 1];
  let start = at + 2;
  if (length >= 0x80) {
    const octets = length - 0x80;
    if (octets === 0 || octets > 4 || start + octets > limit) return undefined;
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + bytes[start + i];
    start += octets;
  }
  const end = start + length;
  return end > limit ? undefined : { tag, start, end };
}

function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] | undefined {
  const children: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = readTlv(bytes, at, parent.end);
    if (child === undefined) return undefined;
    children.push(child);
    at = child.end;
  }
  return children;
}

function hex(bytes: Uint8Array, tlv: Tlv): string {
  return Buffer.from(bytes.subarray(tlv.start, tlv.end)).toString('hex');
}

function is(tlv: Tlv | undefined, tag: number): tlv is Tlv {
  return tlv !== undefined && tlv.tag === tag;
}

/**
 * Walks ContentInfo → SignedData → encapContentInfo → TSTInfo → messageImprint and genTime (RFC 3161 §2.4.2,
 * RFC 5652). Returns undefined for anything that is not shaped like a time-stamp token. Trusting the time needs the
 * TSA certificate, which `openssl ts -verify` checks; this only establishes what the token is about.
 */
export function decodeTimeStampToken(token: Uint8Array): TimeStampTokenContents | undefined {
  const contentInfo = readTlv(token, 0, token.length);
  if (!is(contentInfo, SEQUENCE) || contentInfo.end !== token.length) return undefined;
  const [contentType, explicitContent] = childrenOf(token, contentInfo) ?? [];
  if (!is(contentType, OID) || hex(token, contentType) !== OID_SIGNED_DATA || !is(explicitContent, CONTEXT_0)) {
    return undefined;
  }
  const [signedData] = childrenOf(token, explicitContent) ?? [];
  if (!is(signedData, SEQUENCE)) return undefined;
  const [version, digestAlgorithms, encapContentInfo] = childrenOf(token, signedData) ?? [];
  if (!is(version, INTEGER) || !is(digestAlgorithms, SET) || !is(encapContentInfo, SEQUENCE)) return undefined;
  const [eContentType, explicitEContent] = childrenOf(token, encapContentInfo) ?? [];
  if (!is(eContentType, OID) || hex(token, eContentType) !== OID_TST_INFO || !is(explicitEContent, CONTEXT_0)) {
    return undefined;
  }
  const [eContent] = childrenOf(token, explicitEContent) ?? [];
  if (!is(eContent, OCTET_STRING)) return undefined;
  const tstInfoBytes = token.subarray(eContent.start, eContent.end);
  const tstInfo = readTlv(tstInfoBytes, 0, tstInfoBytes.length);
  if (!is(tstInfo, SEQUENCE)) return undefined;
  const [, policy, messageImprint, serialNumber, genTime] = childrenOf(tstInfoBytes, tstInfo) ?? [];
  if (!is(policy, OID) || !is(messageImprint, SEQUENCE) || !is(serialNumber, INTEGER)) return undefined;
  if (!is(genTime, GENERALIZED_TIME)) return undefined;
  const [algorithm, hashedMessage] = childrenOf(tstInfoBytes, messageImprint) ?? [];
  if (!is(algorithm, SEQUENCE) || !is(hashedMessage, OCTET_STRING)) return undefined;
  const [algorithmOid] = childrenOf(tstInfoBytes, algorithm) ?? [];
  if (!is(algorithmOid, OID)) return undefined;
  const timeText = Buffer.from(tstInfoBytes.subarray(genTime.start, genTime.end)).toString('latin1');
  const time = GENERALIZED_TIME_TEXT.exec(timeText);
  if (time === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = ''] = time;
  return {
    sha256: hex(tstInfoBytes, algorithmOid) === OID_SHA256,
    imprint: tstInfoBytes.slice(hashedMessage.start, hashedMessage.end),
    time: `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}Z`,
  };
}
