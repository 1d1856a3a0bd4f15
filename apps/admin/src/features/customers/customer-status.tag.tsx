import { Tag, Tooltip } from 'antd';
import type { KycStatus, RiskRating } from './customers.dto';

const STATUS_COLOURS: Record<KycStatus, string> = {
  draft: 'default',
  screening: 'processing',
  review: 'orange',
  approved: 'green',
  rejected: 'red',
  exited: 'default',
};

const RATING_COLOURS: Record<RiskRating, string> = {
  unrated: 'default',
  low: 'green',
  medium: 'gold',
  high: 'red',
};

export const KYC_STATUS_OPTIONS: KycStatus[] = ['draft', 'screening', 'review', 'approved', 'rejected', 'exited'];
export const RISK_RATING_OPTIONS: RiskRating[] = ['unrated', 'low', 'medium', 'high'];

export function KycStatusTag({ status }: { status: KycStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{status}</Tag>;
}

export function RiskRatingTag({ rating, score }: { rating: RiskRating; score?: number | null }) {
  const tag = <Tag color={RATING_COLOURS[rating]}>{rating}</Tag>;
  return score === undefined || score === null ? tag : <Tooltip title={`score ${String(score)}`}>{tag}</Tooltip>;
}

const SCREENING_COLOURS: Record<string, string> = { clear: 'green', potential_match: 'orange', confirmed_match: 'red' };

export function ScreeningTag({ status }: { status: string | null }) {
  if (status === null) return <Tag>not screened</Tag>;
  return <Tag color={SCREENING_COLOURS[status] ?? 'default'}>{status.replace('_', ' ')}</Tag>;
}

/** A country's English name from the browser (ISO 3166-1 alpha-2 in, name out; the code itself when unknown). */
export function countryLabel(code: string | null | undefined): string {
  if (!code) return '—';
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
