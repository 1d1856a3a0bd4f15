import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavigationArea {
  path: string;
  label: string;
  icon: ReactNode;
}

export const navigationAreas: NavigationArea[] = [
  { path: '/', label: 'Overview', icon: <DashboardOutlined /> },
  { path: '/queues', label: 'Alert queues', icon: <InboxOutlined /> },
  { path: '/cases', label: 'Cases', icon: <FolderOpenOutlined /> },
  { path: '/customers', label: 'Customers', icon: <TeamOutlined /> },
  { path: '/screening', label: 'Screening', icon: <SafetyCertificateOutlined /> },
  { path: '/rules', label: 'Rules and models', icon: <ApartmentOutlined /> },
  { path: '/audit', label: 'Audit trail', icon: <AuditOutlined /> },
  { path: '/reports', label: 'Reports', icon: <FileTextOutlined /> },
  { path: '/iso20022', label: 'ISO 20022', icon: <SwapOutlined /> },
  { path: '/settings', label: 'Settings', icon: <SettingOutlined /> },
];

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
