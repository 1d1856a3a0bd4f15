import { SetMetadata } from '@nestjs/common';

export const OPEN_BEFORE_MFA = 'verity:open-before-mfa';

/**
 * Marks a route a session may call before it has completed the MFA its roles require (TOTP enrolment, reading the
 * session, re-authenticating, signing out). Every other route answers 403 `identity/mfa_enrollment_required` to such
 * a session.
 */
export const OpenBeforeMfa = (): MethodDecorator => SetMetadata(OPEN_BEFORE_MFA, true);
