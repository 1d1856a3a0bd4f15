import type { INestApplicationContext } from '@nestjs/common';
import { TenantContext } from '@platform/database';
import { UserRepository, type UserPrincipal } from '@domains/identity';
import { CustomersError } from '../customers.errors.js';
import type { CreateCustomerDto } from '../customer/customer.dto.js';
import { CustomerService } from '../customer/customer.service.js';
import { KycLifecycleService } from '../lifecycle/kyc-lifecycle.service.js';

type DemoStep = 'draft' | 'review' | 'approved' | 'rejected';

interface DemoCustomer {
  readonly profile: CreateCustomerDto;
  readonly step: DemoStep;
}

const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    step: 'approved',
    profile: {
      externalRef: 'demo-cust-0001',
      type: 'individual',
      fullName: 'Maria Schmidt',
      dateOfBirth: '1986-04-12',
      nationalities: ['DE'],
      country: 'DE',
      addresses: [{ line1: 'Lindenstraße 5', city: 'Berlin', postalCode: '10969', country: 'DE' }],
      identifiers: [{ type: 'national_id', value: 'L01X00T47', country: 'DE' }],
      occupation: 'Teacher',
      sourceOfFunds: 'Salary',
      product: 'current_account',
      channel: 'branch',
    },
  },
  {
    // A PEP: enhanced due diligence, approved with the EDD checklist.
    step: 'approved',
    profile: {
      externalRef: 'demo-cust-0002',
      type: 'individual',
      fullName: 'Viktor Andreyevich Morozov',
      nativeName: 'Виктор Андреевич Морозов',
      dateOfBirth: '1968-11-02',
      nationalities: ['CY'],
      country: 'CY',
      occupation: 'Deputy minister (former)',
      sourceOfFunds: 'Government salary and investments',
      product: 'current_account',
      channel: 'online',
      isPep: true,
    },
  },
  {
    // Linked to a high-risk country: waiting in the review queue.
    step: 'review',
    profile: {
      externalRef: 'demo-cust-0003',
      type: 'individual',
      fullName: 'Reza Karimi',
      nativeName: 'رضا کریمی',
      dateOfBirth: '1979-06-21',
      nationalities: ['IR', 'AE'],
      country: 'AE',
      occupation: 'Import/export trader',
      product: 'payment_account',
      channel: 'online',
    },
  },
  {
    step: 'review',
    profile: {
      externalRef: 'demo-biz-0001',
      type: 'business',
      fullName: 'Northwind Trading GmbH',
      dateOfBirth: '2011-03-01',
      country: 'DE',
      addresses: [{ line1: 'Hafenstraße 12', city: 'Hamburg', postalCode: '20359', country: 'DE' }],
      identifiers: [{ type: 'company_registration', value: 'HRB 123456', country: 'DE' }],
      industry: 'Wholesale of machinery',
      product: 'current_account',
      channel: 'intermediary',
      relatedParties: [
        { role: 'director', partyType: 'individual', fullName: 'Jonas Weber', nationalities: ['DE'], country: 'DE' },
        {
          role: 'beneficial_owner',
          partyType: 'individual',
          fullName: 'Elena Rossi',
          nationalities: ['IT'],
          country: 'IT',
          ownershipPercent: 62.5,
        },
      ],
    },
  },
  {
    step: 'draft',
    profile: {
      externalRef: 'demo-biz-0002',
      type: 'business',
      fullName: 'Blue Harbour Logistics Ltd',
      country: 'GB',
      industry: 'Freight forwarding',
      product: 'payment_account',
      channel: 'online',
    },
  },
  {
    step: 'rejected',
    profile: {
      externalRef: 'demo-biz-0003',
      type: 'business',
      fullName: 'Lucky Star Gaming Ltd',
      country: 'MT',
      industry: 'Online casino and gambling',
      product: 'e_money_wallet',
      channel: 'online',
      adverseMedia: true,
    },
  },
];

const EDD = {
  sourceOfWealth: 'Public-sector salary, inherited family property in Limassol (land registry extract on file)',
  seniorManagementApproval: true,
  purposeOfRelationship: 'Everyday banking and receipt of pension payments',
};

/**
 * A handful of demo customers in various KYC states (one PEP approved with EDD, one linked to a high-risk country in
 * review, businesses with related parties, a draft, a rejection), acting as the demo compliance officer. Runs only
 * with the rest of the demo, on a fresh tenant. The cases demo builds its reported case on Maria Schmidt
 * (`demo-cust-0001`) and Northwind Trading GmbH (`demo-biz-0001`), whose transactions name these references: their
 * names, dates, addresses and identifiers are what the regulator reports carry.
 */
export async function seedCustomersDemo(app: INestApplicationContext, tenantId: string): Promise<void> {
  const user = await TenantContext.run(tenantId, () =>
    app.get(UserRepository, { strict: false }).findByEmail(tenantId, 'officer@demo.verity.local'),
  );
  if (!user) return;
  const officer: UserPrincipal = {
    kind: 'user',
    tenantId,
    userId: user.id,
    sessionId: 'demo-seed',
    csrfToken: '',
    roles: ['compliance_officer'],
    email: user.email,
    displayName: user.displayName,
    expiresAt: new Date(),
    idleExpiresAt: new Date(),
    reauthenticatedAt: new Date(),
    mfa: { required: false, enrolled: false, satisfied: false },
  };
  const customers = app.get(CustomerService, { strict: false });
  const lifecycle = app.get(KycLifecycleService, { strict: false });
  await TenantContext.run(tenantId, async () => {
    for (const demo of DEMO_CUSTOMERS) {
      const { customer } = await customers.create(officer, demo.profile);
      if (demo.step === 'draft') continue;
      await lifecycle.submit(officer, customer.id);
      try {
        if (demo.step === 'approved') {
          await lifecycle.approve(officer, customer.id, 'Documents verified, demo onboarding', EDD);
        } else if (demo.step === 'rejected') {
          await lifecycle.reject(officer, customer.id, 'Outside our risk appetite (online gambling, adverse media)');
        }
      } catch (error) {
        // A screening hit (lists already imported) keeps the customer in review: that is a fine demo state too.
        if (!(error instanceof CustomersError)) throw error;
      }
    }
  });
}
