/** Display helpers shared by the investigation panels and the dashboards. */

const DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  VND: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

/** `123456` minor units of EUR → `1,234.56 EUR` (two decimals unless the currency has another minor unit). */
export function formatMinor(amountMinor: string, currency: string): string {
  const digits = DIGITS[currency] ?? 2;
  const negative = amountMinor.startsWith('-');
  const abs = (negative ? amountMinor.slice(1) : amountMinor).padStart(digits + 1, '0');
  const major = abs.slice(0, abs.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = digits > 0 ? `.${abs.slice(abs.length - digits)}` : '';
  return `${negative ? '-' : ''}${major}${minor} ${currency}`;
}

export const DECISION_COLOURS: Record<string, string> = { allow: 'green', review: 'orange', block: 'red' };
export const RISK_COLOURS: Record<string, string> = { unrated: 'default', low: 'green', medium: 'gold', high: 'red' };

/** Minutes as `45 min`, `3.5 h` or `2.1 d`. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 90) return `${String(Math.round(minutes))} min`;
  if (minutes < 60 * 36) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}
