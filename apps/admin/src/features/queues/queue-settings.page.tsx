import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { UserDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { ALERT_TYPE_LABEL } from './alert-status.tag';
import { getJson, send, segment } from './queues.api';
import { ALERT_PRIORITIES, ALERT_TYPES, ASSIGNMENT_STRATEGIES, QUEUE_SEGMENTS } from './queues.dto';
import type {
  AlertPriority,
  AlertType,
  AssignmentStrategy,
  QueueDto,
  QueueSegment,
  SaveQueueDto,
  SlaMinutesDto,
} from './queues.dto';
import { QueuesNav } from './queues.nav';

interface QueueForm {
  name: string;
  description?: string;
  position?: number;
  types?: AlertType[];
  minPriority?: AlertPriority;
  segments?: QueueSegment[];
  assignment: AssignmentStrategy;
  memberIds?: string[];
  slaMinutes: SlaMinutesDto;
  idleClaimMinutes: number;
}

const DEFAULT_FORM: QueueForm = {
  name: '',
  assignment: 'manual',
  slaMinutes: { critical: 60, high: 240, medium: 1440, low: 4320 },
  idleClaimMinutes: 30,
};

function formOf(queue: QueueDto): QueueForm {
  return {
    name: queue.name,
    description: queue.description ?? undefined,
    position: queue.position,
    types: queue.routing.types,
    minPriority: queue.routing.minPriority,
    segments: queue.routing.segments,
    assignment: queue.assignment,
    memberIds: queue.memberIds,
    slaMinutes: queue.slaMinutes,
    idleClaimMinutes: queue.idleClaimMinutes,
  };
}

function bodyOf(values: QueueForm): SaveQueueDto {
  return {
    name: values.name.trim(),
    description: values.description?.trim() ? values.description.trim() : null,
    position: values.position,
    routing: {
      ...(values.types?.length ? { types: values.types } : {}),
      ...(values.minPriority ? { minPriority: values.minPriority } : {}),
      ...(values.segments?.length ? { segments: values.segments } : {}),
    },
    assignment: values.assignment,
    memberIds: values.memberIds ?? [],
    slaMinutes: values.slaMinutes,
    idleClaimMinutes: values.idleClaimMinutes,
  };
}

/** The tenant's alert queues: routing, assignment, members and SLAs (queues:manage). */
export function QueueSettingsPage() {
  const session = useSession();
  const mayListUsers = rolesGrant(session.user.roles, 'users:manage');
  const [queues, setQueues] = useState<QueueDto[]>([]);
  const [users, setUsers] = useState<UserDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [editing, setEditing] = useState<QueueDto | 'new'>();
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<ApiProblem>();
  const [form] = Form.useForm<QueueForm>();

  const load = useCallback(async () => {
    setLoading(true);
    const result = await getJson<QueueDto[]>('/v1/alert-queues');
    setLoading(false);
    if (result.ok) setQueues(result.data);
    setProblem(result.ok ? undefined : result.problem);
  }, []);

  useEffect(() => {
    void load();
    // Only admins may list users; others enter member ids (the api checks they hold alerts:work).
    if (mayListUsers) {
      void callApi(() => api.GET('/v1/users')).then((result) => {
        if (result.ok) setUsers(result.data);
      });
    }
  }, [load, mayListUsers]);

  function openEditor(target: QueueDto | 'new') {
    setSaveProblem(undefined);
    form.setFieldsValue(target === 'new' ? DEFAULT_FORM : formOf(target));
    setEditing(target);
  }

  async function save(values: QueueForm) {
    setSaving(true);
    setSaveProblem(undefined);
    const failure =
      editing === 'new'
        ? await send('POST', '/v1/alert-queues', bodyOf(values))
        : editing !== undefined
          ? await send('PATCH', `/v1/alert-queues/${segment(editing.id)}`, bodyOf(values))
          : undefined;
    setSaving(false);
    if (failure !== undefined) {
      setSaveProblem(failure);
      return;
    }
    setEditing(undefined);
    form.resetFields();
    await load();
  }

  const userName = new Map(users.map((u) => [u.id, u.displayName]));

  const columns: TableColumnsType<QueueDto> = [
    { title: 'Order', key: 'position', render: (_, q) => q.position },
    {
      title: 'Queue',
      key: 'name',
      render: (_, q) => (
        <Flex vertical>
          <Typography.Text strong>{q.name}</Typography.Text>
          {q.description && <Typography.Text type="secondary">{q.description}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: 'Routing',
      key: 'routing',
      render: (_, q) => {
        const { types, minPriority, segments } = q.routing;
        if (!types?.length && !minPriority && !segments?.length) return <Tag>catch-all</Tag>;
        return (
          <Space size={4} wrap>
            {types?.map((t) => (
              <Tag key={t}>{ALERT_TYPE_LABEL[t]}</Tag>
            ))}
            {minPriority && <Tag color="orange">≥ {minPriority}</Tag>}
            {segments?.map((s) => (
              <Tag key={s} color="blue">
                {s}
              </Tag>
            ))}
          </Space>
        );
      },
    },
    {
      title: 'Assignment',
      key: 'assignment',
      render: (_, q) => (
        <Flex vertical>
          <span>{q.assignment.replace('_', ' ')}</span>
          <Typography.Text type="secondary">
            {q.memberIds.length === 0
              ? 'no members'
              : q.memberIds.map((id) => userName.get(id) ?? id.slice(0, 8)).join(', ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'SLA minutes (C / H / M / L)',
      key: 'sla',
      render: (_, q) => ALERT_PRIORITIES.map((p) => q.slaMinutes[p]).join(' / '),
    },
    { title: 'Idle release', key: 'idle', render: (_, q) => `${String(q.idleClaimMinutes)} min` },
    {
      title: '',
      key: 'edit',
      render: (_, q) => (
        <Button size="small" icon={<EditOutlined />} aria-label={`Edit ${q.name}`} onClick={() => openEditor(q)}>
          Edit
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <title>Queue settings · Verity</title>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Alert queues
      </Typography.Title>
      <QueuesNav />
      <Card
        title="Queue settings"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')}>
            New queue
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          An alert goes to the first queue, in order, whose routing matches its type, priority and the customer's
          segment; a queue without routing takes everything.
        </Typography.Paragraph>
        {problem && <ProblemAlert problem={problem} />}
        <Table<QueueDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={[...queues].sort((a, b) => a.position - b.position)}
          pagination={false}
        />
      </Card>
      <Drawer
        open={editing !== undefined}
        size="large"
        title={editing === 'new' ? 'New queue' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(undefined)}
        extra={
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            Save
          </Button>
        }
      >
        {saveProblem && <ProblemAlert problem={saveProblem} />}
        <Form form={form} name="queue" layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item
            label="Name"
            name="name"
            rules={[
              { required: true, whitespace: true, message: 'Name the queue' },
              { max: 100, message: 'At most 100 characters' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="Description" name="description">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label="Routing order (lower first)" name="position">
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Typography.Title level={5}>Routing</Typography.Title>
          <Form.Item label="Alert types" name="types">
            <Select
              mode="multiple"
              allowClear
              placeholder="Any type"
              options={ALERT_TYPES.map((t) => ({ value: t, label: ALERT_TYPE_LABEL[t] }))}
            />
          </Form.Item>
          <Form.Item label="Minimum priority" name="minPriority">
            <Select
              allowClear
              placeholder="Any priority"
              options={ALERT_PRIORITIES.map((p) => ({ value: p, label: p }))}
            />
          </Form.Item>
          <Form.Item label="Customer segments" name="segments">
            <Select
              mode="multiple"
              allowClear
              placeholder="Any segment"
              options={QUEUE_SEGMENTS.map((s) => ({ value: s, label: s.replace('_', ' ') }))}
            />
          </Form.Item>
          <Typography.Title level={5}>Assignment</Typography.Title>
          <Form.Item label="Strategy" name="assignment" rules={[{ required: true }]}>
            <Select
              options={ASSIGNMENT_STRATEGIES.map((s) => ({
                value: s,
                label: s === 'manual' ? 'manual (analysts claim)' : s.replace('_', ' '),
              }))}
            />
          </Form.Item>
          <Form.Item
            label="Members (who auto-assignment may pick)"
            name="memberIds"
            extra={mayListUsers ? undefined : 'User ids; members must hold alerts:work.'}
          >
            <Select
              mode={mayListUsers ? 'multiple' : 'tags'}
              allowClear
              options={users
                .filter((u) => u.roles.some((r) => rolesGrant([r], 'alerts:work')))
                .map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
            />
          </Form.Item>
          <Typography.Title level={5}>SLA</Typography.Title>
          <Space wrap>
            {ALERT_PRIORITIES.map((p) => (
              <Form.Item
                key={p}
                label={`${p} (minutes)`}
                name={['slaMinutes', p]}
                rules={[{ required: true, type: 'integer', min: 1, message: 'Whole minutes, at least 1' }]}
              >
                <InputNumber min={1} precision={0} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item
            label="Release idle claims after (minutes)"
            name="idleClaimMinutes"
            rules={[{ required: true, type: 'integer', min: 1, message: 'Whole minutes, at least 1' }]}
          >
            <InputNumber min={1} precision={0} />
          </Form.Item>
        </Form>
      </Drawer>
    </Flex>
  );
}
