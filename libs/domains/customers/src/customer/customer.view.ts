import { countryName } from '../country/country.codes.js';
import { nextStatuses } from '../lifecycle/kyc.lifecycle.js';
import type { CustomerDetail } from './customer.service.js';
import type { CustomerAccountEntity } from './customer-account.entity.js';
import type { AccountDto, CustomerDetailDto, CustomerDto, RelatedPartyDto } from './customer.dto.js';
import type { CustomerEntity } from './customer.entity.js';
import type { RelatedPartyEntity } from './related-party.entity.js';

/** The API's view of a customer (a list row). */
export function toCustomerDto(c: CustomerEntity, eddReasons: string[] = []): CustomerDto {
  return {
    id: c.id,
    externalRef: c.externalRef,
    type: c.type,
    fullName: c.fullName,
    nativeName: c.nativeName,
    aliases: c.aliases,
    dateOfBirth: c.dateOfBirth,
    nationalities: c.nationalities,
    country: c.country,
    countryName: c.country ? countryName(c.country) : null,
    addresses: c.addresses.map((a) => ({ ...a, countryName: countryName(a.country) })),
    identifiers: c.identifiers.map((i) => ({ ...i })),
    occupation: c.occupation,
    industry: c.industry,
    expectedActivity: c.expectedActivity,
    sourceOfFunds: c.sourceOfFunds,
    product: c.product,
    channel: c.channel,
    kycStatus: c.kycStatus,
    nextStatuses: [...nextStatuses(c.kycStatus)],
    kycRequired: c.kycRequired,
    isPep: c.isPep,
    adverseMedia: c.adverseMedia,
    risk: {
      rating: c.riskRating,
      score: c.riskScore,
      matrixVersion: c.riskMatrixVersion,
      ratedAt: c.ratedAt?.toISOString() ?? null,
      factors: (c.riskExplanation ?? []).map((f) => ({ ...f })),
    },
    eddRequired: c.eddRequired,
    eddReasons,
    eddChecklist: c.eddChecklist,
    screeningStatus: c.screeningStatus,
    screeningBestScore: c.screeningBestScore,
    screenedAt: c.screenedAt?.toISOString() ?? null,
    nextReviewAt: c.nextReviewAt?.toISOString() ?? null,
    decisionReason: c.decisionReason,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toRelatedPartyDto(p: RelatedPartyEntity): RelatedPartyDto {
  return {
    id: p.id,
    role: p.role,
    partyType: p.partyType,
    fullName: p.fullName,
    nativeName: p.nativeName,
    dateOfBirth: p.dateOfBirth,
    nationalities: p.nationalities,
    country: p.country,
    ownershipPercent: p.ownershipPercent === null ? null : Number(p.ownershipPercent),
    isPep: p.isPep,
    screeningStatus: p.screeningStatus,
    screeningBestScore: p.screeningBestScore,
  };
}

export function toAccountDto(a: CustomerAccountEntity): AccountDto {
  return { id: a.id, externalRef: a.externalRef, currency: a.currency, openedAt: a.openedAt.toISOString() };
}

export function toCustomerDetailDto(detail: CustomerDetail): CustomerDetailDto {
  return {
    ...toCustomerDto(detail.customer, detail.eddReasons),
    relatedParties: detail.relatedParties.map(toRelatedPartyDto),
    accounts: detail.accounts.map(toAccountDto),
  };
}
