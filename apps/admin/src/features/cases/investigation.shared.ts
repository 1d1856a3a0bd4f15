/**
 * What the investigation panels (one folder deeper) use from the app's shared code, re-exported here because imports
 * may climb at most two folders.
 */
export { api } from '../../api/client';
export { problemFromException, problemFromResponse, type ApiProblem } from '../../api/api.problem';
export { ProblemAlert } from '../../shared/problem-alert';
export type { components } from '../../api/schema';
