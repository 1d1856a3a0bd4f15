import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type ScreeningListDto = Schemas['ScreeningListDto'];
export type ListVersionDto = Schemas['ListVersionDto'];
export type ListDeltaDto = Schemas['ListDeltaDto'];
export type ScreeningHitViewDto = Schemas['ScreeningHitViewDto'];
export type ScreeningHitDetailDto = Schemas['ScreeningHitDetailDto'];
export type CheckHitDto = Schemas['CheckHitDto'];
export type ListTuningDto = Schemas['ListTuningDto'];
export type ListSource = ScreeningListDto['source'];

export const LIST_SOURCE_LABELS: Record<ListSource, string> = {
  ofac_sdn: 'OFAC SDN',
  un_consolidated: 'UN Consolidated',
  internal_watchlist: 'Internal watchlist',
  pep: 'PEP list',
};

/** The files each source takes (the first is required), as the import route names them. */
export const LIST_SOURCE_FILES: Record<ListSource, { name: string; label: string; accept: string }[]> = {
  ofac_sdn: [
    { name: 'sdn', label: 'sdn.csv', accept: '.csv' },
    { name: 'alt', label: 'alt.csv (aliases)', accept: '.csv' },
    { name: 'add', label: 'add.csv (addresses)', accept: '.csv' },
    { name: 'comments', label: 'sdn_comments.csv', accept: '.csv' },
  ],
  un_consolidated: [{ name: 'xml', label: 'consolidated.xml', accept: '.xml' }],
  internal_watchlist: [{ name: 'list', label: 'list (.csv or .json)', accept: '.csv,.json' }],
  pep: [{ name: 'list', label: 'list (.csv or .json)', accept: '.csv,.json' }],
};

export function scoreText(score: number): string {
  return score.toFixed(3);
}
