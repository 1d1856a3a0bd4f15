import {
  ApiOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  CheckSquareOutlined,
  InboxOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  UserSwitchOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  TransactionOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { rolesGrant } from './app.permissions';
import type { UiPermission } from './app.permissions';

export interface NavigationArea {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only to roles that hold it; areas without one are open to every person who can sign in. */
  permission?: UiPermission;
}

export const navigationAreas: NavigationArea[] = [
  { path: '/', label: 'Overview', icon: <DashboardOutlined /> },
  { path: '/queues', label: 'Alert queues', icon: <InboxOutlined />, permission: 'alerts:read' },
  { path: '/cases', label: 'Cases', icon: <FolderOpenOutlined />, permission: 'cases:read' },
  { path: '/transactions', label: 'Transactions', icon: <TransactionOutlined /> },
  { path: '/customers', label: 'Customers', icon: <TeamOutlined /> },
  { path: '/screening', label: 'Screening', icon: <SafetyCertificateOutlined /> },
  { path: '/rules', label: 'Rules and models', icon: <ApartmentOutlined /> },
  { path: '/audit', label: 'Audit trail', icon: <AuditOutlined /> },
  { path: '/reports', label: 'Reports', icon: <FileTextOutlined />, permission: 'reports:read' },
  { path: '/iso20022', label: 'ISO 20022', icon: <SwapOutlined />, permission: 'iso20022:read' },
  { path: '/approvals', label: 'Approvals', icon: <CheckSquareOutlined />, permission: 'approvals:read' },
  { path: '/users', label: 'Users', icon: <UserSwitchOutlined />, permission: 'users:manage' },
  { path: '/api-keys', label: 'API keys', icon: <KeyOutlined />, permission: 'api_keys:manage' },
  { path: '/webhooks', label: 'Webhooks', icon: <ApiOutlined />, permission: 'webhooks:manage' },
  { path: '/settings', label: 'Settings', icon: <SettingOutlined /> },
];

/** The areas the menu offers to someone holding `roles`. */
export function navigationAreasFor(roles: readonly string[]): NavigationArea[] {
  return navigationAreas.filter((area) => area.permission === undefined || rolesGrant(roles, area.permission));
}

export function navigationAreaFor(pathname: string): NavigationArea | undefined {
  return navigationAreas.find((area) =>
    area.path === '/' ? pathname === '/' : pathname === area.path || pathname.startsWith(`${area.path}/`),
  );
}

/**
 * The first page after sign-in: auditors, who can only read, start at the audit trail they came for; everyone else at
 * the overview.
 */
export function landingPathFor(roles: readonly string[]): string {
  return roles.length > 0 && roles.every((role) => role === 'auditor') ? '/audit' : '/';
}
