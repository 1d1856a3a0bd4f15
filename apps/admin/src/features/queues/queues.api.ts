import { api } from '../../api/client';
import { callApi, callApiWithoutContent, problemFromException, problemFromResponse } from '../../api/api.problem';
import type { ApiProblem, ApiResult } from '../../api/api.problem';

/** A query string's values; undefined and empty strings are left out. */
export type QueryValues = Record<string, string | number | boolean | undefined>;

interface ClientOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface RequestInit {
  params?: { query?: QueryValues };
  body?: unknown;
}

/**
 * The shared client (session cookie, CSRF header, session-ended handling) called with plain URL strings. The alert,
 * queue, case and investigation paths are in the generated schema now and the answers are typed by it (queues.dto.ts,
 * cases.dto.ts); moving these calls to the typed client (`api.GET('/v1/alerts/{alertId}', …)`) would type the paths,
 * queries and bodies too, unchanged at runtime.
 */
interface UntypedClient {
  GET(url: string, init?: RequestInit): Promise<ClientOutcome>;
  POST(url: string, init?: RequestInit): Promise<ClientOutcome>;
  PATCH(url: string, init?: RequestInit): Promise<ClientOutcome>;
  DELETE(url: string, init?: RequestInit): Promise<ClientOutcome>;
}

const client = api as unknown as UntypedClient;

function queryOf(values: QueryValues | undefined): QueryValues | undefined {
  if (values === undefined) return undefined;
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
}

/** A path segment, encoded so an id can never change the path. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

export function getJson<T>(url: string, query?: QueryValues): Promise<ApiResult<T>> {
  return callApi(() => client.GET(url, { params: { query: queryOf(query) } }) as Promise<ClientOutcome & { data?: T }>);
}

export function sendJson<T>(method: 'POST' | 'PATCH', url: string, body?: unknown): Promise<ApiResult<T>> {
  return callApi(() => client[method](url, { body: body ?? {} }) as Promise<ClientOutcome & { data?: T }>);
}

/** A write whose answer body does not matter (204 or the changed resource); resolves to the problem or undefined. */
export function send(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<ApiProblem | undefined> {
  return callApiWithoutContent(() => client[method](url, body === undefined ? undefined : { body }));
}

/** A multipart upload (the browser sets the boundary); resolves to the problem or undefined. */
export function sendForm(url: string, form: FormData): Promise<ApiProblem | undefined> {
  return callApiWithoutContent(() => client.POST(url, { body: form }));
}

/** A POST that answers a body or 204 No Content (e.g. claim-next with nothing left to claim). */
export async function postForOptional<T>(url: string): Promise<ApiResult<T | undefined>> {
  try {
    const { data, error, response } = await client.POST(url);
    if (response.status === 204) return { ok: true, data: undefined };
    if (response.ok) return { ok: true, data: data as T };
    return { ok: false, problem: problemFromResponse(error, response) };
  } catch (exception) {
    return { ok: false, problem: problemFromException(exception) };
  }
}
