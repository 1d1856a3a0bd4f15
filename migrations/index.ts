import { CreateOutboxJobs1795458678955 } from './1795458678955-CreateOutboxJobs.js';
import { CreateTenants1795458679955 } from './1795458679955-CreateTenants.js';
import { CreateIdentityUsersAndSessions1795458680955 } from './1795458680955-CreateIdentityUsersAndSessions.js';
import { CreateAuditLedger1795458681955 } from './1795458681955-CreateAuditLedger.js';
import { ProtectAuditLedgerWriteOnce1795458682955 } from './1795458682955-ProtectAuditLedgerWriteOnce.js';
import { CreateIdentityApiKeys1795458690000 } from './1795458690000-CreateIdentityApiKeys.js';
import { CreateAuditAnchorReceipts1795458700000 } from './1795458700000-CreateAuditAnchorReceipts.js';
import { CreateAuditPublicationFailures1795458701000 } from './1795458701000-CreateAuditPublicationFailures.js';
import { AddSessionReauthentication1795458705000 } from './1795458705000-AddSessionReauthentication.js';
import { EnableTenantRowLevelSecurity1795458710000 } from './1795458710000-EnableTenantRowLevelSecurity.js';
import { AddTotpMultiFactor1795458720000 } from './1795458720000-AddTotpMultiFactor.js';
import { CreateApprovalRequests1795458730000 } from './1795458730000-CreateApprovalRequests.js';
import { CreateIdentityInvitations1795458731000 } from './1795458731000-CreateIdentityInvitations.js';
import { CreateAuditExports1795458750000 } from './1795458750000-CreateAuditExports.js';
import { CreateCustomers1795458800000 } from './1795458800000-CreateCustomers.js';
import { CreateScreening1795459000000 } from './1795459000000-CreateScreening.js';
import { CreateMonitoringTransactions1795459100000 } from './1795459100000-CreateMonitoringTransactions.js';
import { CreateMonitoringRuleSetsAndModels1795459150000 } from './1795459150000-CreateMonitoringRuleSetsAndModels.js';
import { CreateWebhooks1795459200000 } from './1795459200000-CreateWebhooks.js';
import { CreateCaseAlerts1795459400000 } from './1795459400000-CreateCaseAlerts.js';
import { CreateCases1795459450000 } from './1795459450000-CreateCases.js';
import { CreateInvestigationIndexes1795459500000 } from './1795459500000-CreateInvestigationIndexes.js';
import { CreateIso20022Messages1795459600000 } from './1795459600000-CreateIso20022Messages.js';
import { CreateReports1795459750000 } from './1795459750000-CreateReports.js';
import { AddMonitoringAlertDisposedAt1795459800000 } from './1795459800000-AddMonitoringAlertDisposedAt.js';
import { CreateReferenceCounters1795459900000 } from './1795459900000-CreateReferenceCounters.js';
import { AddMonitoringAlertCreatedIndex1795459950000 } from './1795459950000-AddMonitoringAlertCreatedIndex.js';
import { AddDecidedSourceIndexes1795460000000 } from './1795460000000-AddDecidedSourceIndexes.js';
import { ExtendCustomerCounterpartyIndex1795460100000 } from './1795460100000-ExtendCustomerCounterpartyIndex.js';

/** Every migration, oldest first. A new migration is added here as well as in its file. */
export const migrations = [
  CreateOutboxJobs1795458678955,
  CreateTenants1795458679955,
  CreateIdentityUsersAndSessions1795458680955,
  CreateAuditLedger1795458681955,
  ProtectAuditLedgerWriteOnce1795458682955,
  CreateIdentityApiKeys1795458690000,
  CreateAuditAnchorReceipts1795458700000,
  CreateAuditPublicationFailures1795458701000,
  AddSessionReauthentication1795458705000,
  EnableTenantRowLevelSecurity1795458710000,
  AddTotpMultiFactor1795458720000,
  CreateApprovalRequests1795458730000,
  CreateIdentityInvitations1795458731000,
  CreateAuditExports1795458750000,
  CreateCustomers1795458800000,
  CreateScreening1795459000000,
  CreateMonitoringTransactions1795459100000,
  CreateMonitoringRuleSetsAndModels1795459150000,
  CreateWebhooks1795459200000,
  CreateCaseAlerts1795459400000,
  CreateCases1795459450000,
  CreateInvestigationIndexes1795459500000,
  CreateIso20022Messages1795459600000,
  CreateReports1795459750000,
  AddMonitoringAlertDisposedAt1795459800000,
  CreateReferenceCounters1795459900000,
  AddMonitoringAlertCreatedIndex1795459950000,
  AddDecidedSourceIndexes1795460000000,
  ExtendCustomerCounterpartyIndex1795460100000,
];
