import { PlusOutlined, ReloadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { InvitationDto, UserDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { InvitationLink, UserInviteModal } from './user-invite.modal';
import { UserRolesModal } from './user-roles.modal';

function StatusTag({ user }: { user: UserDto }) {
  if (user.disabledAt !== null) return <Tag color="red">disabled</Tag>;
  if (!user.passwordSet) return <Tag color="gold">invited</Tag>;
  return <Tag color="green">active</Tag>;
}

/** The tenant's users: invite, request role changes (approved by a second admin), disable and enable. */
export function UsersPage() {
  const session = useSession();
  const { message } = App.useApp();
  const [users, setUsers] = useState<UserDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<UserDto>();
  const [busyId, setBusyId] = useState<string>();
  const [reinvited, setReinvited] = useState<{ user: UserDto; invitation: InvitationDto }>();

  const load = useCallback(async () => {
    setLoading(true);
    const result = await callApi(() => api.GET('/v1/users'));
    setLoading(false);
    if (result.ok) {
      setUsers(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function setEnabled(user: UserDto, enabled: boolean) {
    setBusyId(user.id);
    const params = { params: { path: { id: user.id } } };
    const result = await callApi(() =>
      enabled ? api.POST('/v1/users/{id}/enable', params) : api.POST('/v1/users/{id}/disable', params),
    );
    setBusyId(undefined);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    void message.success(`${user.displayName} is ${enabled ? 'enabled' : 'disabled'}`);
    await load();
  }

  async function reinvite(user: UserDto) {
    setBusyId(user.id);
    const result = await callApi(() => api.POST('/v1/users/{id}/invitation', { params: { path: { id: user.id } } }));
    setBusyId(undefined);
    if (result.ok) setReinvited({ user, invitation: result.data });
    else setProblem(result.problem);
  }

  const columns: TableColumnsType<UserDto> = [
    {
      title: 'Name',
      dataIndex: 'displayName',
      render: (name: string, user) => (
        <Space size="small">
          {name}
          {user.id === session.user.id && <Tag>you</Tag>}
        </Space>
      ),
    },
    { title: 'Email', dataIndex: 'email' },
    {
      title: 'Roles',
      key: 'roles',
      render: (_, user) => (
        <Flex vertical gap={4}>
          <Space size={4} wrap>
            {user.roles.length === 0 ? (
              <Typography.Text type="secondary">none</Typography.Text>
            ) : (
              user.roles.map((role) => (
                <Tag key={role} color="blue">
                  {role}
                </Tag>
              ))
            )}
          </Space>
          {user.pendingRoleChange !== null && (
            <Space size={4} wrap>
              <Link
                to={`/approvals?box=${user.pendingRoleChange.requestedBy === session.user.id ? 'mine' : 'to_approve'}&open=${user.pendingRoleChange.id}`}
              >
                <Tag color="orange">pending approval</Tag>
              </Link>
              {user.pendingRoleChange.toRoles.map((role) => (
                <Tag key={role} bordered={false}>
                  {role}
                </Tag>
              ))}
            </Space>
          )}
        </Flex>
      ),
    },
    { title: 'Status', key: 'status', render: (_, user) => <StatusTag user={user} /> },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, user) => (
        <Space size="small" wrap>
          <Button
            size="small"
            icon={<UserSwitchOutlined />}
            aria-label={`Change roles of ${user.displayName}`}
            disabled={user.disabledAt !== null || user.pendingRoleChange !== null}
            onClick={() => {
              setEditing(user);
            }}
          >
            Roles
          </Button>
          {!user.passwordSet && user.disabledAt === null && (
            <Button
              size="small"
              loading={busyId === user.id}
              aria-label={`New invitation link for ${user.displayName}`}
              onClick={() => void reinvite(user)}
            >
              New link
            </Button>
          )}
          {user.disabledAt === null ? (
            user.id !== session.user.id && (
              <Popconfirm
                title={`Disable ${user.displayName}?`}
                description="Their sessions end at once and they can no longer sign in."
                okText="Disable"
                okButtonProps={{ danger: true }}
                onConfirm={() => {
                  void setEnabled(user, false);
                }}
              >
                <Button size="small" danger loading={busyId === user.id} aria-label={`Disable ${user.displayName}`}>
                  Disable
                </Button>
              </Popconfirm>
            )
          ) : (
            <Button
              size="small"
              loading={busyId === user.id}
              aria-label={`Enable ${user.displayName}`}
              onClick={() => void setEnabled(user, true)}
            >
              Enable
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <title>Users · Verity</title>
      <Flex align="center" justify="space-between" wrap gap="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          Users
        </Typography.Title>
        <Flex gap="small">
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            Refresh
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setInviting(true);
            }}
          >
            Invite user
          </Button>
        </Flex>
      </Flex>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Card size="small">
        <Table<UserDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={users}
          pagination={false}
          aria-label="Users"
        />
      </Card>
      <UserInviteModal
        open={inviting}
        onClose={() => {
          setInviting(false);
        }}
        onCreated={() => void load()}
      />
      <Modal
        open={reinvited !== undefined}
        title="Send the new invitation link"
        onCancel={() => {
          setReinvited(undefined);
        }}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setReinvited(undefined);
            }}
          >
            Done
          </Button>
        }
      >
        {reinvited !== undefined && (
          <InvitationLink displayName={reinvited.user.displayName} invitation={reinvited.invitation} />
        )}
      </Modal>
      <UserRolesModal
        user={editing}
        onClose={() => {
          setEditing(undefined);
        }}
        onRequested={(user) => {
          setEditing(undefined);
          void message.info(`Role change for ${user.displayName} is waiting for a second admin's approval`);
          void load();
        }}
      />
    </Flex>
  );
}
