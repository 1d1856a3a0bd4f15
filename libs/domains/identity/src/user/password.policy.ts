import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { IdentityError } from '../identity.errors.js';

/** NIST SP 800-63B 5.1.1.2: at least 8, and 15 for single-factor; Verity asks 12 of everyone (MFA is on top). */
export const PASSWORD_MIN_LENGTH = 12;
/** 800-63B asks verifiers to accept at least 64; long passphrases are welcome, unbounded input is not. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The blocklist: zxcvbn's list of the most frequently used passwords (`passwords-common` of
 * `@zxcvbn-ts/language-common` 4.x, `src/passwords.json`, about 49,000 entries ranked by frequency in public breach
 * corpora; zxcvbn built it from Mark Burnett's 10-million-password dump, xato.net). Compared case-insensitively, after
 * NFKC normalisation. Most entries are shorter than the minimum length and so already refused; the list matters for
 * the long ones ('123qweasdzxc', 'qwerty123456', 'iloveyou1234'…).
 */
const BLOCKLIST: ReadonlySet<string> = new Set(
  dictionary['passwords-common'].map((p) => p.normalize('NFKC').toLowerCase()),
);

/** Words every attacker of this service tries first, whoever the user is. */
const SERVICE_WORDS = ['verity'] as const;

export type PasswordRejectionReason =
  'too_short' | 'too_long' | 'unprintable' | 'blocklisted' | 'repetitive' | 'sequential' | 'context_words';

const REASON_TEXT: Record<PasswordRejectionReason, string> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  too_long: `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  unprintable: 'must not contain control characters',
  blocklisted: 'is on the list of commonly used or breached passwords',
  repetitive: 'is too repetitive (one character or a short pattern repeated)',
  sequential: 'is a sequence of consecutive characters (like 123456789012 or abcdefghijkl)',
  context_words: 'is made mostly of your email address, your name, the tenant or the service name',
};

/** What a password is checked against, besides the general rules: words an attacker of this account would try. */
export interface PasswordContext {
  readonly email: string;
  readonly displayName?: string;
  readonly tenantSlug?: string;
}

function codePoints(text: string): string[] {
  return [...text];
}

/** One short unit repeated (`aaaaaaaaaaaa`, `abcabcabcabc`), or hardly any distinct characters. */
function isRepetitive(chars: readonly string[]): boolean {
  if (new Set(chars).size < 4) return true;
  const text = chars.join('');
  return /^(.{1,6}?)\1+$/su.test(text);
}

/** Every step goes one code point up, or every step one down (digits wrap: …890123… is a sequence too). */
function isSequential(chars: readonly string[]): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < chars.length; i += 1) {
    const a = chars[i - 1] ?? '';
    const b = chars[i] ?? '';
    let step = (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
    if (/[0-9]/.test(a) && /[0-9]/.test(b)) step = ((step % 10) + 10) % 10 === 9 ? -1 : ((step % 10) + 10) % 10;
    steps.add(step);
    if (steps.size > 1 || (step !== 1 && step !== -1)) return false;
  }
  return true;
}

/** The words of the context at least 3 characters long, lower-cased: whole values and their parts. */
function contextWords(context: PasswordContext): string[] {
  const local = context.email.split('@')[0] ?? '';
  const values = [local, context.displayName ?? '', context.tenantSlug ?? '', ...SERVICE_WORDS];
  const words = new Set<string>();
  for (const value of values) {
    const normal = value.normalize('NFKC').toLowerCase();
    for (const part of [normal, ...normal.split(/[^\p{L}\p{N}]+/u)]) {
      if ([...part].length >= 3) words.add(part);
    }
  }
  // Longest first, so 'ada.admin' is removed before its part 'ada'.
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * Password rules after NIST SP 800-63B (5.1.1.2): length over composition, a blocklist, no repetitive or sequential
 * strings, no context words; no composition rules and no expiry. Any printable Unicode and spaces are allowed;
 * length is counted in code points after NFKC normalisation (what `PasswordHasher` hashes is the text as typed).
 * Used wherever a person chooses a password (password change, invitation acceptance); seeded and provisioned
 * passwords do not go through it.
 */
@Injectable()
export class PasswordPolicy {
  /** Every rule the password breaks (empty when it is acceptable). */
  evaluate(password: string, context: PasswordContext): PasswordRejectionReason[] {
    const normal = password.normalize('NFKC');
    const chars = codePoints(normal);
    const reasons: PasswordRejectionReason[] = [];
    if (chars.length < PASSWORD_MIN_LENGTH) reasons.push('too_short');
    if (chars.length > PASSWORD_MAX_LENGTH) {
      // The other rules are not worth running on a megabyte of text.
      return ['too_long'];
    }
    if (/\p{Cc}/u.test(normal)) reasons.push('unprintable');
    const lower = normal.toLowerCase();
    if (BLOCKLIST.has(lower) || BLOCKLIST.has(lower.trim())) reasons.push('blocklisted');
    if (chars.length > 0 && isRepetitive(codePoints(lower))) reasons.push('repetitive');
    else if (chars.length > 1 && isSequential(chars)) reasons.push('sequential');
    // Context words do not count toward the length: 'verity-demo-passphrase' passes, 'verity2026!' and the email's
    // local part followed by a year do not.
    let rest = lower;
    for (const word of contextWords(context)) rest = rest.split(word).join('');
    if (rest !== lower && codePoints(rest).length < PASSWORD_MIN_LENGTH) reasons.push('context_words');
    return reasons;
  }

  /** Throws `identity/password_rejected` (422) listing every rule the password breaks. */
  check(password: string, context: PasswordContext, field = 'password'): void {
    const reasons = this.evaluate(password, context);
    if (reasons.length === 0) return;
    throw new IdentityError(
      'identity/password_rejected',
      'unprocessable',
      `The password ${reasons.map((r) => REASON_TEXT[r]).join('; ')}`,
      { errors: reasons.map((reason) => ({ field, message: REASON_TEXT[reason] })), reasons },
    );
  }
}
