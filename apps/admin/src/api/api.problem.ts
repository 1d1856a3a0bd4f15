/**
 * The UI's view of an RFC 9457 problem. It is read defensively rather than taken from the schema, because failures
 * also come from proxies, timeouts and the network, which never produce the API's problem document.
 */
export interface ApiProblem {
  title: string;
  detail?: string;
  status?: number;
  code?: string;
  correlationId?: string;
  errors: ApiFieldError[];
}

export interface ApiFieldError {
  field: string;
  message: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

interface ClientOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function fieldErrorsOf(value: unknown): ApiFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) =>
    isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string'
      ? [{ field: entry.field, message: entry.message }]
      : [],
  );
}

export function problemFromResponse(body: unknown, response: Response): ApiProblem {
  const statusLine = `${String(response.status)} ${response.statusText}`.trim();
  const fallbackTitle = response.statusText || `HTTP ${String(response.status)}`;
  if (!isRecord(body)) {
    return {
      title: fallbackTitle,
      detail: `The API answered ${statusLine} without problem details.`,
      status: response.status,
      errors: [],
    };
  }
  return {
    title: optionalString(body.title) ?? fallbackTitle,
    detail: optionalString(body.detail),
    status: typeof body.status === 'number' ? body.status : response.status,
    code: optionalString(body.code),
    correlationId: optionalString(body.correlationId),
    errors: fieldErrorsOf(body.errors),
  };
}

export function problemFromException(exception: unknown): ApiProblem {
  return {
    title: 'The Verity API cannot be reached',
    detail: exception instanceof Error ? `The Verity API cannot be reached (${exception.message}).` : undefined,
    errors: [],
  };
}

/**
 * Runs one typed client call that answers with a body, folding transport failures and problem responses into one
 * result.
 */
export async function callApi<T>(call: () => Promise<ClientOutcome<T>>): Promise<ApiResult<T>> {
  try {
    const { data, error, response } = await call();
    if (response.ok && data !== undefined) return { ok: true, data };
    return { ok: false, problem: problemFromResponse(error, response) };
  } catch (exception) {
    return { ok: false, problem: problemFromException(exception) };
  }
}

/** Like callApi for endpoints that answer 204; resolves to the problem, or undefined on success. */
export async function callApiWithoutContent(
  call: () => Promise<ClientOutcome<unknown>>,
): Promise<ApiProblem | undefined> {
  try {
    const { error, response } = await call();
    return response.ok ? undefined : problemFromResponse(error, response);
  } catch (exception) {
    return problemFromException(exception);
  }
}
