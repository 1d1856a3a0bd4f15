import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { countryLabel } from './customer-status.tag';
import type { CustomerDocumentDto } from './customers.dto';

const DOCUMENT_TYPES: CustomerDocumentDto['type'][] = [
  'passport',
  'national_id',
  'driving_licence',
  'residence_permit',
  'proof_of_address',
  'company_registration',
  'articles_of_association',
  'shareholder_register',
  'other',
];

const STATUS_COLOURS: Record<CustomerDocumentDto['verificationStatus'], string> = {
  pending_review: 'orange',
  verified: 'green',
  rejected: 'red',
};

interface AddForm {
  type: CustomerDocumentDto['type'];
  number?: string;
  issuingCountry?: string;
  expiresOn?: string;
}

/** A customer's KYC documents: add metadata, and verify or reject what waits for review. */
export function CustomerDocumentsCard({ customerId }: { customerId: string }) {
  const session = useSession();
  const mayWrite = rolesGrant(session.user.roles, 'customers:write');
  const mayDecide = rolesGrant(session.user.roles, 'customers:decide');
  const [documents, setDocuments] = useState<CustomerDocumentDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AddForm>();

  const load = useCallback(async () => {
    setLoading(true);
    const result = await callApi(() =>
      api.GET('/v1/customers/{id}/documents', { params: { path: { id: customerId } } }),
    );
    setLoading(false);
    if (result.ok) setDocuments(result.data);
    else setProblem(result.problem);
  }, [customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function add(values: AddForm) {
    setAdding(true);
    const body = {
      type: values.type,
      ...(values.number?.trim() ? { number: values.number.trim() } : {}),
      ...(values.issuingCountry?.trim() ? { issuingCountry: values.issuingCountry.trim().toUpperCase() } : {}),
      ...(values.expiresOn?.trim() ? { expiresOn: values.expiresOn.trim() } : {}),
    };
    const result = await callApi(() =>
      api.POST('/v1/customers/{id}/documents', { params: { path: { id: customerId } }, body }),
    );
    setAdding(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    form.resetFields();
    await load();
  }

  async function decide(document: CustomerDocumentDto, decision: 'verified' | 'rejected') {
    const result = await callApi(() =>
      api.POST('/v1/customers/{id}/documents/{documentId}/verify', {
        params: { path: { id: customerId, documentId: document.id } },
        body: decision === 'rejected' ? { decision, reason: 'Rejected on review' } : { decision },
      }),
    );
    if (!result.ok) setProblem(result.problem);
    await load();
  }

  const columns: TableColumnsType<CustomerDocumentDto> = [
    { title: 'Type', dataIndex: 'type' },
    { title: 'Number', dataIndex: 'number', render: (n: string | null) => n ?? '—' },
    { title: 'Issued by', dataIndex: 'issuingCountry', render: (c: string | null) => countryLabel(c) },
    {
      title: 'Expires',
      key: 'expires',
      render: (_, d) => (
        <Space size={4}>
          {d.expiresOn ?? '—'}
          {d.expired && <Tag color="red">expired</Tag>}
        </Space>
      ),
    },
    {
      title: 'Verification',
      key: 'status',
      render: (_, d) => (
        <Space size={4}>
          <Tag color={STATUS_COLOURS[d.verificationStatus]}>{d.verificationStatus.replace('_', ' ')}</Tag>
          {d.decisionReason && <span>{d.decisionReason}</span>}
        </Space>
      ),
    },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, d) =>
        mayDecide && d.verificationStatus === 'pending_review' ? (
          <Space size="small">
            <Button size="small" onClick={() => void decide(d, 'verified')} aria-label={`Verify ${d.type}`}>
              Verify
            </Button>
            <Popconfirm title="Reject this document?" onConfirm={() => void decide(d, 'rejected')}>
              <Button size="small" danger aria-label={`Reject ${d.type}`}>
                Reject
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <Card title="Documents" size="small">
      {problem && <ProblemAlert problem={problem} />}
      <Table<CustomerDocumentDto>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={documents}
        pagination={false}
      />
      {mayWrite && (
        <Form<AddForm> form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => void add(v)}>
          <Form.Item name="type" rules={[{ required: true }]}>
            <Select
              placeholder="Document type"
              aria-label="Document type"
              style={{ width: 200 }}
              options={DOCUMENT_TYPES.map((t) => ({ value: t, label: t.replace(/_/g, ' ') }))}
            />
          </Form.Item>
          <Form.Item name="number">
            <Input placeholder="Number" aria-label="Document number" />
          </Form.Item>
          <Form.Item name="issuingCountry">
            <Input placeholder="Country (e.g. DE)" aria-label="Issuing country" maxLength={2} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="expiresOn">
            <Input placeholder="Expires YYYY-MM-DD" aria-label="Expiry date" style={{ width: 170 }} />
          </Form.Item>
          <Button htmlType="submit" loading={adding}>
            Add document
          </Button>
        </Form>
      )}
    </Card>
  );
}
