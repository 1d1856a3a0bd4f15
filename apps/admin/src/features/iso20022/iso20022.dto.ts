import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export const MESSAGE_STATUSES = ['accepted', 'pending', 'rejected', 'partially_accepted', 'generated'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_TYPES = [
  'pacs.008.001.08',
  'pain.001.001.09',
  'pain.001.001.03',
  'pacs.002.001.10',
  'pain.002.001.10',
  'pacs.004.001.09',
  'camt.053.001.08',
  'camt.054.001.08',
] as const;

export type MessageListItemDto = Schemas['MessageListItemDto'];
export type MessagePageDto = Schemas['MessagePageDto'];
export type MessageTransactionDto = Schemas['MessageTransactionDto'];
export type MessageDetailDto = Schemas['MessageDetailDto'];
export type GenerateStatementRequest = Schemas['GenerateStatementDto'];
export type StatementKind = GenerateStatementRequest['kind'];
export type GeneratedStatementDto = Schemas['GeneratedStatementDto'];
