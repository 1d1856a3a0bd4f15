/**
 * The KYC lifecycle of a customer:
 *
 *   draft → screening → review → approved | rejected
 *   approved → review (periodic review, or a profile change that needs a second look) → approved | rejected
 *   rejected → review (new information reopens the file)
 *   any status except exited → exited (the relationship ends; final)
 */
export const KYC_STATUSES = ['draft', 'screening', 'review', 'approved', 'rejected', 'exited'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

const ALLOWED: Readonly<Record<KycStatus, readonly KycStatus[]>> = {
  draft: ['screening', 'exited'],
  screening: ['review', 'exited'],
  review: ['approved', 'rejected', 'exited'],
  approved: ['review', 'exited'],
  rejected: ['review', 'exited'],
  exited: [],
};

export function canTransition(from: KycStatus, to: KycStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses a customer may move to from `from`. */
export function nextStatuses(from: KycStatus): readonly KycStatus[] {
  return ALLOWED[from];
}

export function isKycStatus(value: string): value is KycStatus {
  return (KYC_STATUSES as readonly string[]).includes(value);
}
