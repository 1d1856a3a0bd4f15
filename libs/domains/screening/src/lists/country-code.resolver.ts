import anyAscii from 'any-ascii';
import countries from 'i18n-iso-countries';

/** Names the lists use that the ISO library does not know (OFAC and UN spellings). */
const EXTRA_NAMES: Record<string, string> = {
  'korea north': 'KP',
  'north korea': 'KP',
  'democratic peoples republic of korea': 'KP',
  'korea dprk': 'KP',
  'korea south': 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  burma: 'MM',
  syria: 'SY',
  'iran islamic republic of': 'IR',
  'united kingdom of great britain and northern ireland': 'GB',
  uk: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  'bolivarian republic of venezuela': 'VE',
  'viet nam': 'VN',
  vietnam: 'VN',
  laos: 'LA',
  'lao peoples democratic republic': 'LA',
  'congo democratic republic of the': 'CD',
  'congo republic of the': 'CG',
  'republic of the congo': 'CG',
  'cote d ivoire': 'CI',
  'ivory coast': 'CI',
  'west bank': 'PS',
  gaza: 'PS',
  'region gaza': 'PS',
  palestinian: 'PS',
  'palestinian territories': 'PS',
  'state of palestine': 'PS',
  'the gambia': 'GM',
  'the bahamas': 'BS',
  macedonia: 'MK',
  'north macedonia': 'MK',
  'russian federation': 'RU',
  'republic of moldova': 'MD',
  'united states of america': 'US',
  usa: 'US',
  'united arab emirates': 'AE',
  uae: 'AE',
  turkiye: 'TR',
  'czech republic': 'CZ',
  swaziland: 'SZ',
  'cabo verde': 'CV',
  'timor leste': 'TL',
  'east timor': 'TL',
  'holy see': 'VA',
  'brunei darussalam': 'BN',
  'micronesia federated states of': 'FM',
  'saint kitts and nevis': 'KN',
  'st kitts and nevis': 'KN',
  'saint vincent and the grenadines': 'VC',
  'st vincent and the grenadines': 'VC',
  'bosnia herzegovina': 'BA',
  'serbia and montenegro': 'RS',
  yugoslavia: 'RS',
  'soviet union': 'RU',
  ussr: 'RU',
  crimea: 'UA',
  'region crimea': 'UA',
  kosovo: 'XK',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  taiwan: 'TW',
  'bolivia plurinational state of': 'BO',
  'tanzania united republic of': 'TZ',
  'venezuela bolivarian republic of': 'VE',
  iraqi: 'IQ',
  syrian: 'SY',
  iranian: 'IR',
  afghan: 'AF',
  pakistani: 'PK',
  russian: 'RU',
};

function key(name: string): string {
  return anyAscii(name)
    .toLowerCase()
    .replace(/['`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let lookup: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (lookup) return lookup;
  const map = new Map<string, string>();
  const names = countries.getNames('en', { select: 'all' });
  for (const [code, variants] of Object.entries(names)) {
    for (const v of variants) map.set(key(v), code);
  }
  for (const code of Object.keys(names)) {
    map.set(code.toLowerCase(), code);
    const alpha3 = countries.alpha2ToAlpha3(code);
    if (alpha3) map.set(alpha3.toLowerCase(), code);
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) map.set(name, code);
  lookup = map;
  return map;
}

/**
 * ISO 3166 alpha-2 code for a country name or code as lists and users write it ("Iran", "Korea, North",
 * "Russian Federation", "DE", "DEU"), or undefined when it cannot be resolved.
 */
export function resolveCountryCode(nameOrCode: string | undefined | null): string | undefined {
  if (!nameOrCode) return undefined;
  const k = key(nameOrCode);
  if (k.length === 0) return undefined;
  const map = table();
  const direct = map.get(k);
  if (direct) return direct;
  // "Iran (Islamic Republic of)" / "Korea, Democratic People's Republic of": try without the bracketed part.
  const bare = key(nameOrCode.replace(/\(.*?\)/g, ''));
  return bare !== k ? map.get(bare) : undefined;
}
