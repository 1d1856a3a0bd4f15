import { api } from '../../api/client';
import { callApi, callApiWithoutContent, problemFromException, problemFromResponse } from '../../api/api.problem';
import type { ApiProblem, ApiResult } from '../../api/api.problem';

interface ClientOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface RequestInit {
  params?: { query?: Record<string, string> };
  body?: unknown;
  parseAs?: 'blob' | 'text';
}

/**
 * The shared client (session cookie, CSRF header, session-ended handling) called with plain URL strings; the answers
 * are typed by the generated schema through reports.dto.ts. The paths are in the schema, so these calls can move to
 * the typed client unchanged at runtime.
 */
interface UntypedClient {
  GET(url: string, init?: RequestInit): Promise<ClientOutcome>;
  POST(url: string, init?: RequestInit): Promise<ClientOutcome>;
  PATCH(url: string, init?: RequestInit): Promise<ClientOutcome>;
}

const client = api as unknown as UntypedClient;

/** A report path: the id is encoded so it can never change the path. */
export function reportPath(id: string, rest = ''): string {
  return `/v1/reports/${encodeURIComponent(id)}${rest}`;
}

export function getJson<T>(url: string, query?: Record<string, string>): Promise<ApiResult<T>> {
  return callApi(
    () => client.GET(url, query ? { params: { query } } : undefined) as Promise<ClientOutcome & { data?: T }>,
  );
}

export function sendJson<T>(method: 'POST' | 'PATCH', url: string, body?: unknown): Promise<ApiResult<T>> {
  return callApi(() => client[method](url, { body: body ?? {} }) as Promise<ClientOutcome & { data?: T }>);
}

export function send(url: string, body?: unknown): Promise<ApiProblem | undefined> {
  return callApiWithoutContent(() => client.POST(url, { body: body ?? {} }));
}

/** A file the api serves (artifact, evidence pack, CSV), as a Blob. */
export async function getBlob(url: string): Promise<ApiResult<Blob>> {
  try {
    const { data, error, response } = await client.GET(url, { parseAs: 'blob' });
    if (response.ok && data instanceof Blob) return { ok: true, data };
    return { ok: false, problem: problemFromResponse(error, response) };
  } catch (exception) {
    return { ok: false, problem: problemFromException(exception) };
  }
}

/** Saves a Blob under a file name through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
