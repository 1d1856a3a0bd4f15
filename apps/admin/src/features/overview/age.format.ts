const UNITS: ReadonlyArray<readonly [label: string, seconds: number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/** Formats an age in seconds with its two largest units, e.g. "3 h 12 min", because exact seconds stop mattering. */
export function formatAge(totalSeconds: number): string {
  let remaining = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [label, seconds] of UNITS) {
    const count = Math.floor(remaining / seconds);
    remaining -= count * seconds;
    if (count > 0 || parts.length > 0) parts.push(`${String(count)} ${label}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? '0 s' : parts.join(' ');
}
