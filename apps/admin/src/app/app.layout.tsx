import { BankOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Flex, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { SessionTimeoutWarning } from '../features/auth/session-timeout.warning';
import { ProblemAlert } from '../shared/problem-alert';
import { navigationAreaFor, navigationAreasFor } from './app.navigation';
import { useAuth, useSession } from './auth.context';

export function AppLayout() {
  const session = useSession();
  const { signOut } = useAuth();
  const { notification } = App.useApp();
  const { token } = theme.useToken();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const selectedArea = navigationAreaFor(location.pathname);
  const roles = session.user.roles;
  const menuItems: MenuProps['items'] = useMemo(
    () =>
      navigationAreasFor(roles).map((area) => ({
        key: area.path,
        icon: area.icon,
        label: <Link to={area.path}>{area.label}</Link>,
      })),
    [roles],
  );

  async function handleSignOut() {
    setSigningOut(true);
    const problem = await signOut();
    setSigningOut(false);
    if (problem !== undefined) {
      notification.error({ title: 'Sign out failed', description: <ProblemAlert problem={problem} /> });
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={216}>
        <Flex align="center" justify="center" style={{ height: 56 }}>
          <Typography.Text strong style={{ color: token.colorTextLightSolid, fontSize: token.fontSizeHeading4 }}>
            {collapsed ? 'V' : 'Verity'}
          </Typography.Text>
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={selectedArea === undefined ? [] : [selectedArea.path]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: token.paddingLG,
          }}
        >
          <Flex align="center" justify="space-between" gap="middle" style={{ height: '100%' }}>
            <Space>
              <BankOutlined />
              <Typography.Text strong>{session.tenant.name}</Typography.Text>
            </Space>
            <Space size="middle">
              <Space size="small" wrap>
                <UserOutlined />
                <Link to="/account" aria-label={`Your account: ${session.user.displayName}`}>
                  {session.user.displayName}
                </Link>
                {session.user.roles.map((role) => (
                  <Tag key={role} color="blue">
                    {role}
                  </Tag>
                ))}
              </Space>
              <Button icon={<LogoutOutlined />} loading={signingOut} onClick={() => void handleSignOut()}>
                Sign out
              </Button>
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: token.paddingLG }}>
          <SessionTimeoutWarning />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
