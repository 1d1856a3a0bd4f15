// Permissions and access decorators come first on purpose: the audit domain's controller needs them, and audit is
// reached from here (identity records its events through @domains/audit) before the rest of this index is evaluated.
export { PERMISSIONS, ROLES, isRole, roleGrants, type Permission, type Role } from './identity.permissions.js';
export { CurrentPrincipal, RequirePermission } from './session/access.decorators.js';
export { IdentityError, type IdentityErrorCode, type IdentityMfaErrorCode } from './identity.errors.js';
export { IdentityJobsModule } from './identity.jobs.module.js';
export { identityQueue, type IdentityJobs } from './identity.queue.js';
export { IdentityHttpModule } from './identity.http.module.js';
export { IdentityModule } from './identity.module.js';
export {
  AuthService,
  LOCKOUT_THRESHOLD,
  SIGN_IN_CHALLENGE_MAX_FAILURES,
  type MfaChallengeResult,
  type SessionIssuance,
  type SignInOutcome,
  type SignInResult,
} from './session/auth.service.js';
export { SESSION_COOKIE } from './session/session.cookie.js';
export { listHttpRoutes, type HttpRoute, type RouteAccess } from './session/route.inventory.js';
export { actorOf, type KeyPrincipal, type Principal, type UserPrincipal } from './session/principal.js';
export { ApiKeyService, type CreatedApiKey } from './api-key/api-key.service.js';
export {
  TenantProvisioningService,
  type TenantSpec,
  type TenantUserSpec,
} from './tenant/tenant-provisioning.service.js';
export { TenantRepository } from './tenant/tenant.repository.js';
export { TenantScanError, TenantScanner } from './tenant/tenant.scanner.js';
export { UserRepository } from './user/user.repository.js';
export {
  APPROVAL_REQUESTER,
  type ApprovalContent,
  type ApprovalRequester,
  type ApprovalRequestSpec,
  type PendingApproval,
  type RequestedApproval,
} from './user/approval-requester.port.js';
export {
  USER_ROLES_CHANGE,
  UserAdminService,
  normaliseRoles,
  type UserRolesChangeContent,
} from './user/user-admin.service.js';
export type { UserEntity } from './user/user.entity.js';
export type { TenantEntity } from './tenant/tenant.entity.js';
export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PasswordPolicy,
  type PasswordContext,
  type PasswordRejectionReason,
} from './user/password.policy.js';
export { TotpService } from './user/totp/totp.service.js';
export { generateTotpSecret, totpCode, totpUri, verifyTotpCode } from './user/totp/totp.verifier.js';
