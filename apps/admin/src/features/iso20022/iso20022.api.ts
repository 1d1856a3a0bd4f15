import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiResult } from '../../api/api.problem';
import type { GenerateStatementRequest, GeneratedStatementDto, MessageDetailDto, MessagePageDto } from './iso20022.dto';

interface ClientOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The shared client (session cookie, CSRF header, session-ended handling) called with plain URL strings; the answers
 * are typed by the generated schema through iso20022.dto.ts. The paths are in the schema, so these calls can move to
 * the typed client unchanged at runtime.
 */
interface UntypedClient {
  GET(
    url: string,
    init?: { params?: { query?: Record<string, string | number>; path?: Record<string, string> }; parseAs?: 'text' },
  ): Promise<ClientOutcome<unknown>>;
  POST(url: string, init?: { body?: unknown }): Promise<ClientOutcome<unknown>>;
}

const client = api as unknown as UntypedClient;

export interface MessageFilters {
  direction?: string;
  type?: string;
  status?: string;
  before?: string;
}

export function listMessages(filters: MessageFilters, limit: number): Promise<ApiResult<MessagePageDto>> {
  const query = Object.fromEntries(
    Object.entries({ ...filters, limit }).filter(([, v]) => v !== undefined && v !== ''),
  ) as Record<string, string | number>;
  return callApi(
    () => client.GET('/v1/iso20022/messages', { params: { query } }) as Promise<ClientOutcome<MessagePageDto>>,
  );
}

export function getMessage(id: string): Promise<ApiResult<MessageDetailDto>> {
  return callApi(
    () => client.GET(`/v1/iso20022/messages/${encodeURIComponent(id)}`) as Promise<ClientOutcome<MessageDetailDto>>,
  );
}

export function getMessageXml(id: string): Promise<ApiResult<string>> {
  return callApi(
    () =>
      client.GET(`/v1/iso20022/messages/${encodeURIComponent(id)}/xml`, { parseAs: 'text' }) as Promise<
        ClientOutcome<string>
      >,
  );
}

/** Where the browser downloads a message's XML (the API answers it as an attachment). */
export function messageXmlUrl(id: string): string {
  return `/v1/iso20022/messages/${encodeURIComponent(id)}/xml`;
}

export function generateStatement(body: GenerateStatementRequest): Promise<ApiResult<GeneratedStatementDto>> {
  return callApi(
    () => client.POST('/v1/iso20022/statements', { body }) as Promise<ClientOutcome<GeneratedStatementDto>>,
  );
}
