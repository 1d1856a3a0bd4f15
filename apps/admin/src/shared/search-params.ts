/**
 * The address's query after a change of filters: an undefined or empty value removes its key, and any change that
 * does not set the page itself goes back to the first page (the old page may not exist under the new filters).
 */
export function changedSearchParams(
  params: URLSearchParams,
  changes: Record<string, string | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}
