import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { FullPageSpin } from '../../shared/full-page-spin';
import { ProblemAlert } from '../../shared/problem-alert';
import { CustomerDecisionModal, type CustomerDecision } from './customer-decision.modal';
import { CustomerDocumentsCard } from './customer-documents.card';
import { KycStatusTag, RiskRatingTag, ScreeningTag, countryLabel } from './customer-status.tag';
import type { AuditEntryDto, CustomerDetailDto, RelatedPartyDto, SubjectScreeningDto } from './customers.dto';

type Factor = CustomerDetailDto['risk']['factors'][number];

const factorColumns: TableColumnsType<Factor> = [
  { title: 'Factor', dataIndex: 'factor', render: (f: string) => f.replace(/_/g, ' ') },
  { title: 'Points', dataIndex: 'points', align: 'right' },
  { title: 'Why', dataIndex: 'reason' },
];

const partyColumns: TableColumnsType<RelatedPartyDto> = [
  {
    title: 'Name',
    key: 'name',
    render: (_, p) => (
      <Space size={4} wrap>
        {p.fullName}
        {p.nativeName && <Typography.Text type="secondary">{p.nativeName}</Typography.Text>}
        {p.isPep && <Tag color="volcano">PEP</Tag>}
      </Space>
    ),
  },
  { title: 'Role', dataIndex: 'role', render: (r: string) => r.replace(/_/g, ' ') },
  {
    title: 'Ownership',
    dataIndex: 'ownershipPercent',
    render: (p: number | null) => (p === null ? '—' : `${String(p)} %`),
  },
  {
    title: 'Nationalities',
    dataIndex: 'nationalities',
    render: (codes: string[]) => (codes.length ? codes.map((c) => countryLabel(c)).join(', ') : '—'),
  },
  { title: 'Screening', key: 'screening', render: (_, p) => <ScreeningTag status={p.screeningStatus} /> },
];

function ScreeningCard({ outcomes }: { outcomes: SubjectScreeningDto[] | undefined }) {
  const hits = (outcomes ?? []).flatMap((o) => o.hits.map((h) => ({ ...h, subject: o.name, kind: o.kind })));
  return (
    <Card title="Screening hits" size="small">
      {hits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No open or confirmed hits" />
      ) : (
        <List
          size="small"
          dataSource={hits}
          renderItem={(hit) => (
            <List.Item key={`${hit.subject}-${hit.listSource}-${hit.entryExternalId}`}>
              <Flex vertical gap={2}>
                <Space size={4} wrap>
                  <Typography.Text strong>{hit.subject}</Typography.Text>
                  <span>matches</span>
                  <Typography.Text strong>{hit.entryName}</Typography.Text>
                  <Tag>{hit.listSource}</Tag>
                  <Tag color="orange">score {hit.score.toFixed(2)}</Tag>
                </Space>
                <Typography.Text type="secondary">{hit.explanation.join(' · ')}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function HistoryCard({ customerId }: { customerId: string }) {
  const [entries, setEntries] = useState<AuditEntryDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    void callApi(() =>
      api.GET('/v1/audit/search', {
        params: { query: { subjectType: 'customer', subjectId: customerId, limit: 100 } },
      }),
    ).then((result) => {
      if (result.ok) setEntries(result.data.entries);
      else setProblem(result.problem);
    });
  }, [customerId]);
  return (
    <Card title="History (audit ledger)" size="small">
      {problem &&
        (problem.status === 403 ? (
          <Typography.Text type="secondary">Your role does not read the audit ledger.</Typography.Text>
        ) : (
          <ProblemAlert problem={problem} />
        ))}
      <List
        size="small"
        loading={entries === undefined && problem === undefined}
        locale={{ emptyText: 'No entries integrated in the ledger yet' }}
        dataSource={entries ?? []}
        renderItem={(entry) => {
          const payload = entry.payload ?? {};
          const from = typeof payload.from === 'string' ? payload.from : undefined;
          const to = typeof payload.to === 'string' ? payload.to : undefined;
          const reason = typeof payload.reason === 'string' ? payload.reason : undefined;
          return (
            <List.Item key={entry.index}>
              <Space size={6} wrap>
                <Typography.Text type="secondary">{new Date(entry.recordedAt).toLocaleString()}</Typography.Text>
                <Tag>{entry.action}</Tag>
                {from && to && (
                  <span>
                    {from} → {to}
                  </span>
                )}
                {reason && <Typography.Text italic>{reason}</Typography.Text>}
                <Typography.Text type="secondary">
                  by {entry.actor.type} {entry.actor.id.slice(0, 8)}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** One customer: profile, risk rating with its explanation, related parties, documents, screening hits, history. */
export function CustomerProfilePage() {
  const { id = '' } = useParams();
  const session = useSession();
  const roles = session.user.roles;
  const [customer, setCustomer] = useState<CustomerDetailDto>();
  const [screening, setScreening] = useState<SubjectScreeningDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [decision, setDecision] = useState<CustomerDecision>();
  const [submitting, setSubmitting] = useState(false);

  const load = useCallback(async () => {
    const path = { params: { path: { id } } };
    const [detail, hits] = await Promise.all([
      callApi(() => api.GET('/v1/customers/{id}', path)),
      callApi(() => api.GET('/v1/customers/{id}/screening', path)),
    ]);
    if (detail.ok) {
      setCustomer(detail.data);
      setProblem(undefined);
    } else {
      setProblem(detail.problem);
    }
    if (hits.ok) setScreening(hits.data);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit() {
    setSubmitting(true);
    const result = await callApi(() => api.POST('/v1/customers/{id}/submit', { params: { path: { id } } }));
    setSubmitting(false);
    if (!result.ok) setProblem(result.problem);
    await load();
  }

  if (!customer) {
    return problem ? <ProblemAlert problem={problem} /> : <FullPageSpin description="Loading the customer…" />;
  }

  const mayDecide = rolesGrant(roles, 'customers:decide');
  const mayWrite = rolesGrant(roles, 'customers:write');
  const next = customer.nextStatuses;

  return (
    <Flex vertical gap="middle">
      <Space>
        <Link to="/customers">
          <ArrowLeftOutlined /> Customers
        </Link>
      </Space>
      <Card
        title={
          <Space size={8} wrap>
            <span>{customer.fullName}</span>
            {customer.nativeName && <Typography.Text type="secondary">{customer.nativeName}</Typography.Text>}
            <KycStatusTag status={customer.kycStatus} />
            <RiskRatingTag rating={customer.risk.rating} score={customer.risk.score} />
            {customer.isPep && <Tag color="volcano">PEP</Tag>}
            {customer.adverseMedia && <Tag color="volcano">adverse media</Tag>}
            {customer.kycRequired && <Tag color="purple">KYC required</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {mayWrite && customer.kycStatus === 'draft' && (
              <Button type="primary" loading={submitting} onClick={() => void submit()}>
                Submit for KYC
              </Button>
            )}
            {mayDecide && next.includes('approved') && (
              <Button type="primary" onClick={() => setDecision('approve')}>
                Approve
              </Button>
            )}
            {mayDecide && next.includes('rejected') && (
              <Button danger onClick={() => setDecision('reject')}>
                Reject
              </Button>
            )}
            {mayDecide && next.includes('review') && customer.kycStatus !== 'screening' && (
              <Button onClick={() => setDecision('review')}>Start review</Button>
            )}
            {mayDecide && next.includes('exited') && (
              <Button danger type="text" onClick={() => setDecision('exit')}>
                Exit
              </Button>
            )}
            <Button icon={<ReloadOutlined />} aria-label="Reload customer" onClick={() => void load()} />
          </Space>
        }
      >
        {problem && <ProblemAlert problem={problem} />}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="Type">{customer.type}</Descriptions.Item>
          <Descriptions.Item label="Reference">{customer.externalRef ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={customer.type === 'business' ? 'Incorporated' : 'Date of birth'}>
            {customer.dateOfBirth ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={customer.type === 'business' ? 'Country of incorporation' : 'Residence'}>
            {countryLabel(customer.country)}
          </Descriptions.Item>
          <Descriptions.Item label="Nationalities">
            {customer.nationalities.length ? customer.nationalities.map((c) => countryLabel(c)).join(', ') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Aliases">{customer.aliases.join(', ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={customer.type === 'business' ? 'Industry' : 'Occupation'}>
            {(customer.type === 'business' ? customer.industry : customer.occupation) ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Source of funds">{customer.sourceOfFunds ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="Product / channel">
            {customer.product ?? '—'} / {customer.channel ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Identifiers">
            {customer.identifiers.length
              ? customer.identifiers.map((i) => `${i.type} ${i.value}${i.country ? ` (${i.country})` : ''}`).join(', ')
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Addresses">
            {customer.addresses.length
              ? customer.addresses.map((a) => [a.line1, a.city, a.countryName].filter(Boolean).join(', ')).join(' · ')
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Screening">
            <ScreeningTag status={customer.screeningStatus} />
          </Descriptions.Item>
          <Descriptions.Item label="Next review">
            {customer.nextReviewAt ? new Date(customer.nextReviewAt).toLocaleDateString() : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Last decision">{customer.decisionReason ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title={
              <Space>
                Risk rating
                <RiskRatingTag rating={customer.risk.rating} />
                <Typography.Text type="secondary">
                  score {customer.risk.score ?? '—'} · matrix v{customer.risk.matrixVersion ?? '—'}
                </Typography.Text>
              </Space>
            }
            size="small"
          >
            {customer.eddRequired && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="Enhanced due diligence"
                description={
                  <>
                    {customer.eddReasons.join('; ')}
                    {customer.eddChecklist && (
                      <div>
                        Completed: source of wealth “{customer.eddChecklist.sourceOfWealth}”, senior management approval
                        on {new Date(customer.eddChecklist.completedAt).toLocaleDateString()}.
                      </div>
                    )}
                  </>
                }
              />
            )}
            <Table<Factor>
              rowKey="factor"
              size="small"
              pagination={false}
              columns={factorColumns}
              dataSource={customer.risk.factors}
              aria-label="Risk factors"
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <ScreeningCard outcomes={screening} />
        </Col>
      </Row>
      {customer.type === 'business' && (
        <Card title="Related parties" size="small">
          <Table<RelatedPartyDto>
            rowKey="id"
            size="small"
            pagination={false}
            columns={partyColumns}
            dataSource={customer.relatedParties}
          />
        </Card>
      )}
      <CustomerDocumentsCard customerId={customer.id} />
      <HistoryCard customerId={customer.id} />
      {decision && (
        <CustomerDecisionModal
          customer={customer}
          decision={decision}
          onClose={() => setDecision(undefined)}
          onDone={() => {
            setDecision(undefined);
            void load();
          }}
        />
      )}
    </Flex>
  );
}
