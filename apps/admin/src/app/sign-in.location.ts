/** Router state carried to /sign-in so that signing in returns to the page that asked for it. */
export interface SignInLocationState {
  from: string;
}

/** Where sign-in leads: the page that asked for it, or `landing` when none did. */
export function returnPathFrom(locationState: unknown, landing = '/'): string {
  if (typeof locationState !== 'object' || locationState === null || !('from' in locationState)) return landing;
  const { from } = locationState;
  // Only same-app paths: a crafted state must not turn sign-in into an open redirect or a loop.
  // The root names no page in particular, so it leads to the user's landing page like no return path at all.
  if (
    typeof from !== 'string' ||
    from === '/' ||
    !from.startsWith('/') ||
    from.startsWith('//') ||
    from.startsWith('/sign-in')
  ) {
    return landing;
  }
  return from;
}
