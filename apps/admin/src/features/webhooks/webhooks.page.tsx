import { ApiOutlined, PlusOutlined, ReloadOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import type {
  CreateWebhookEndpointDto,
  WebhookDeliveryAttemptDto,
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './webhooks.dto';

/** The event types Verity publishes today; the field also takes others (tags). */
const KNOWN_EVENT_TYPES = ['transaction.review', 'transaction.blocked'];

const DELIVERY_STATUS_COLOURS: Record<WebhookDeliveryDto['status'], string> = {
  pending: 'gold',
  delivered: 'green',
  failed: 'red',
};

function formatTime(iso: string | null): string {
  return iso === null ? '—' : new Date(iso).toLocaleString();
}

function CreateEndpointModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: WebhookEndpointWithSecretDto) => void;
}) {
  const [form] = Form.useForm<CreateWebhookEndpointDto>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);

  async function create(values: CreateWebhookEndpointDto) {
    setSubmitting(true);
    setProblem(undefined);
    const body: CreateWebhookEndpointDto = {
      url: values.url.trim(),
      eventTypes: values.eventTypes ?? [],
      ...(values.description ? { description: values.description } : {}),
    };
    const result = await callApi(() => api.POST('/v1/webhooks/endpoints', { body }));
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    form.resetFields();
    onCreated(result.data);
  }

  return (
    <Modal
      open={open}
      title="Add a webhook endpoint"
      okText="Add endpoint"
      okButtonProps={{ loading: submitting }}
      onOk={() => {
        form.submit();
      }}
      onCancel={() => {
        setProblem(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form<CreateWebhookEndpointDto>
        form={form}
        name="create-webhook-endpoint"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void create(values)}
      >
        <Form.Item
          label="URL"
          name="url"
          extra="An https URL on a public host. Private, loopback and link-local addresses are refused."
          rules={[
            { required: true, whitespace: true, message: 'Give the URL events are sent to' },
            { max: 2000, message: 'At most 2000 characters' },
          ]}
        >
          <Input placeholder="https://hooks.example.com/verity" />
        </Form.Item>
        <Form.Item label="Event types" name="eventTypes" extra="Leave empty to receive every event type.">
          <Select
            mode="tags"
            allowClear
            placeholder="All event types"
            options={KNOWN_EVENT_TYPES.map((type) => ({ value: type, label: type }))}
          />
        </Form.Item>
        <Form.Item label="Description" name="description" rules={[{ max: 500, message: 'At most 500 characters' }]}>
          <Input placeholder="e.g. case management system (production)" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shows a signing secret, the one time the server tells it (after creating an endpoint or rotating its secret). */
function SecretModal({ shown, onClose }: { shown?: { secret: string; rotated: boolean }; onClose: () => void }) {
  return (
    <Modal
      open={shown !== undefined}
      title="Copy the signing secret"
      closable={false}
      mask={{ closable: false }}
      // Unmounted once closed: the secret must not stay in the page, hidden.
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          I have copied the secret
        </Button>
      }
    >
      {shown !== undefined && (
        <Flex vertical gap="middle">
          <Alert
            type="warning"
            showIcon
            title="This is the only time the secret is shown"
            description={
              shown.rotated
                ? 'The previous secret keeps signing beside this one for 24 hours: update the receiver within that time.'
                : 'Store it with the receiver now; if it is lost, rotate the secret to get a new one.'
            }
          />
          <Typography.Paragraph
            code
            copyable={{ text: shown.secret }}
            aria-label="Signing secret"
            style={{ margin: 0 }}
          >
            {shown.secret}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            Deliveries are signed per Standard Webhooks (headers <Typography.Text code>webhook-id</Typography.Text>,{' '}
            <Typography.Text code>webhook-timestamp</Typography.Text>,{' '}
            <Typography.Text code>webhook-signature</Typography.Text>): verify them with any Standard Webhooks library.
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}

function AttemptsTable({ attempts }: { attempts: WebhookDeliveryAttemptDto[] }) {
  const columns: TableColumnsType<WebhookDeliveryAttemptDto> = [
    { title: 'Attempt', dataIndex: 'attempt', width: 80 },
    { title: 'At', dataIndex: 'attemptedAt', render: formatTime },
    {
      title: 'Answer',
      dataIndex: 'statusCode',
      render: (code: number | null) =>
        code === null ? <Tag>no answer</Tag> : <Tag color={code >= 200 && code < 300 ? 'green' : 'red'}>{code}</Tag>,
    },
    { title: 'Error', dataIndex: 'error', render: (error: string | null) => error ?? '—' },
    { title: 'Duration', dataIndex: 'durationMs', render: (ms: number) => `${String(ms)} ms` },
  ];
  return (
    <Table<WebhookDeliveryAttemptDto>
      rowKey="attempt"
      size="small"
      columns={columns}
      dataSource={attempts}
      pagination={false}
      locale={{ emptyText: 'No attempt yet' }}
    />
  );
}

/** The tenant's webhook endpoints (add: secret shown once, rotate, disable) and what was delivered to them. */
export function WebhooksPage() {
  const { message } = App.useApp();
  const [endpoints, setEndpoints] = useState<WebhookEndpointDto[]>([]);
  const [deliveries, setDeliveries] = useState<WebhookDeliveryDto[]>([]);
  const [endpointFilter, setEndpointFilter] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ secret: string; rotated: boolean }>();

  const load = useCallback(async () => {
    setLoading(true);
    const [listed, sent] = await Promise.all([
      callApi(() => api.GET('/v1/webhooks/endpoints')),
      callApi(() =>
        api.GET('/v1/webhooks/deliveries', {
          params: { query: endpointFilter === undefined ? { limit: 100 } : { endpointId: endpointFilter, limit: 100 } },
        }),
      ),
    ]);
    setLoading(false);
    if (!listed.ok) {
      setProblem(listed.problem);
      return;
    }
    if (!sent.ok) {
      setProblem(sent.problem);
      return;
    }
    setEndpoints(listed.data.endpoints);
    setDeliveries(sent.data.deliveries);
    setProblem(undefined);
  }, [endpointFilter]);

  useEffect(() => {
    void load();
  }, [load]);

  async function disable(endpoint: WebhookEndpointDto) {
    const result = await callApi(() =>
      api.POST('/v1/webhooks/endpoints/{id}/disable', { params: { path: { id: endpoint.id } } }),
    );
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    void message.success(`Endpoint ${endpoint.url} disabled`);
    await load();
  }

  async function rotate(endpoint: WebhookEndpointDto) {
    const result = await callApi(() =>
      api.POST('/v1/webhooks/endpoints/{id}/rotate-secret', { params: { path: { id: endpoint.id } } }),
    );
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setSecret({ secret: result.data.secret, rotated: true });
    await load();
  }

  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));

  const endpointColumns: TableColumnsType<WebhookEndpointDto> = [
    { title: 'URL', dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
    {
      title: 'Events',
      dataIndex: 'eventTypes',
      render: (types: string[]) =>
        types.length === 0 ? <Tag>all events</Tag> : types.map((type) => <Tag key={type}>{type}</Tag>),
    },
    { title: 'Description', dataIndex: 'description', render: (text: string) => text || '—' },
    {
      title: 'Status',
      dataIndex: 'status',
      render: (status: WebhookEndpointDto['status'], endpoint) => (
        <Flex vertical gap={2}>
          <Tag color={status === 'active' ? 'green' : 'default'}>{status}</Tag>
          {endpoint.previousSecretExpiresAt !== null && (
            <Typography.Text type="secondary">
              {`old secret signs until ${formatTime(endpoint.previousSecretExpiresAt)}`}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: 'Created', dataIndex: 'createdAt', render: formatTime },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, endpoint) => (
        <Flex gap="small" wrap>
          <Button
            size="small"
            onClick={() => {
              setEndpointFilter(endpoint.id);
            }}
          >
            Deliveries
          </Button>
          {endpoint.status === 'active' && (
            <>
              <Popconfirm
                title="Rotate the signing secret?"
                description="A new secret is shown once; the old one keeps signing beside it for 24 hours."
                okText="Rotate"
                onConfirm={() => {
                  void rotate(endpoint);
                }}
              >
                <Button size="small" icon={<SyncOutlined />} aria-label={`Rotate secret of ${endpoint.url}`}>
                  Rotate secret
                </Button>
              </Popconfirm>
              <Popconfirm
                title="Disable this endpoint?"
                description="Nothing more is sent to it; its pending deliveries fail. This cannot be undone."
                okText="Disable"
                okButtonProps={{ danger: true }}
                onConfirm={() => {
                  void disable(endpoint);
                }}
              >
                <Button danger size="small" icon={<StopOutlined />} aria-label={`Disable ${endpoint.url}`}>
                  Disable
                </Button>
              </Popconfirm>
            </>
          )}
        </Flex>
      ),
    },
  ];

  const deliveryColumns: TableColumnsType<WebhookDeliveryDto> = [
    { title: 'Event', dataIndex: 'eventType', render: (type: string) => <Tag>{type}</Tag> },
    {
      title: 'Endpoint',
      dataIndex: 'endpointId',
      render: (id: string) => <Typography.Text code>{urlOf.get(id) ?? id}</Typography.Text>,
    },
    {
      title: 'Status',
      dataIndex: 'status',
      render: (status: WebhookDeliveryDto['status']) => <Tag color={DELIVERY_STATUS_COLOURS[status]}>{status}</Tag>,
    },
    { title: 'Attempts', dataIndex: 'attemptCount' },
    { title: 'Next attempt', dataIndex: 'nextAttemptAt', render: formatTime },
    { title: 'Created', dataIndex: 'createdAt', render: formatTime },
    {
      title: 'Message id',
      dataIndex: 'messageId',
      render: (id: string) => <Typography.Text type="secondary">{id}</Typography.Text>,
    },
  ];

  return (
    <Flex vertical gap="middle">
      <title>Webhooks · Verity</title>
      <Flex align="center" justify="space-between" wrap gap="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          <ApiOutlined /> Webhooks
        </Typography.Title>
        <Flex gap="small">
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            Refresh
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreating(true);
            }}
          >
            Add endpoint
          </Button>
        </Flex>
      </Flex>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Card size="small" title="Endpoints">
        <Table<WebhookEndpointDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={endpointColumns}
          dataSource={endpoints}
          pagination={false}
          locale={{ emptyText: 'No endpoint yet' }}
        />
      </Card>
      <Card
        size="small"
        title="Deliveries"
        extra={
          <Select
            allowClear
            style={{ minWidth: 280 }}
            placeholder="All endpoints"
            aria-label="Filter deliveries by endpoint"
            value={endpointFilter}
            onChange={(value: string | undefined) => {
              setEndpointFilter(value);
            }}
            options={endpoints.map((e) => ({ value: e.id, label: e.url }))}
          />
        }
      >
        <Table<WebhookDeliveryDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={deliveryColumns}
          dataSource={deliveries}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (delivery) => <AttemptsTable attempts={delivery.attempts} /> }}
          locale={{ emptyText: 'Nothing sent yet' }}
        />
      </Card>
      <CreateEndpointModal
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
        onCreated={(created) => {
          setCreating(false);
          setSecret({ secret: created.secret, rotated: false });
          void load();
        }}
      />
      <SecretModal
        shown={secret}
        onClose={() => {
          setSecret(undefined);
        }}
      />
    </Flex>
  );
}
