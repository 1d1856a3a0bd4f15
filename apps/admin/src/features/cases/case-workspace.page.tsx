import { ArrowLeftOutlined, AuditOutlined, FileSearchOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { AlertPriorityTag, AlertTypeTag, humanize } from '../queues/alert-status.tag';
import { getJson, send, segment } from '../queues/queues.api';
import { useNow } from '../queues/sla.countdown';
import { CaseApprovalPanel } from './case-approval.panel';
import { CaseAttachmentsTab } from './case-attachments.tab';
import { CaseCloseRequestModal } from './case-close-request.modal';
import { CaseNotesTab } from './case-notes.tab';
import { CaseStatusTag, ReportDue, personLabel } from './case-status.tag';
import type { CaseDetailDto, CaseEventDto, CaseSubjectDto } from './cases.dto';
import { CaseTransactionsPanel } from './investigation/case-transactions.panel';
import { CustomerGlancePanel } from './investigation/customer-glance.panel';
import { FlowGraphPanel } from './investigation/flow-graph.panel';

type Loaded =
  { status: 'loading' } | { status: 'ready'; detail: CaseDetailDto } | { status: 'failed'; problem: ApiProblem };

const TABS = ['timeline', 'notes', 'attachments', 'subjects', 'transactions', 'graph', 'alerts'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

function eventText(event: CaseEventDto): string {
  return Object.entries(event.details ?? {})
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

function subjectKey(subject: CaseSubjectDto): string {
  return `${subject.type}:${subject.id}`;
}

/**
 * The case workspace: everything about one case (timeline, notes, attachments, subjects, transactions, money-flow
 * graph, linked alerts) and its actions: take it, request closure, and approve or reject a pending closure.
 */
export function CaseWorkspacePage() {
  const { id = '' } = useParams();
  const session = useSession();
  const mayWrite = rolesGrant(session.user.roles, 'cases:write');
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'timeline';
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [assigning, setAssigning] = useState(false);
  const [closing, setClosing] = useState(false);
  const [graphSubject, setGraphSubject] = useState<string>();

  const load = useCallback(async () => {
    const result = await getJson<CaseDetailDto>(`/v1/cases/${segment(id)}`);
    setLoaded(result.ok ? { status: 'ready', detail: result.data } : { status: 'failed', problem: result.problem });
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function change(body: { assigneeId: string } | { status: 'investigating' }) {
    setAssigning(true);
    setProblem(undefined);
    const failure = await send('PATCH', `/v1/cases/${segment(id)}`, body);
    setAssigning(false);
    if (failure !== undefined) setProblem(failure);
    await load();
  }

  if (loaded.status === 'loading') return <Spin />;
  if (loaded.status === 'failed') {
    return loaded.problem.status === 404 ? (
      <Result status="404" title="No such case" extra={<Link to="/cases">Back to the cases</Link>} />
    ) : (
      <ProblemAlert problem={loaded.problem} />
    );
  }
  const { detail } = loaded;
  const kase = detail.case;
  const selfId = session.user.id;
  const active = kase.status === 'open' || kase.status === 'investigating';
  const customers = detail.subjects.filter((s) => s.type === 'customer');
  const selectedGraphSubject = detail.subjects.find((s) => subjectKey(s) === graphSubject) ?? detail.subjects[0];

  const tabItems = [
    {
      key: 'timeline',
      label: 'Timeline',
      children: (
        <Timeline
          aria-label="Case timeline"
          items={[...detail.timeline]
            .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
            .map((event, index) => ({
              key: `${event.at}-${String(index)}`,
              content: (
                <Flex vertical>
                  <Typography.Text strong>{humanize(event.action)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {new Date(event.at).toLocaleString()} · {event.actor}
                  </Typography.Text>
                  {eventText(event) && <Typography.Text type="secondary">{eventText(event)}</Typography.Text>}
                </Flex>
              ),
            }))}
        />
      ),
    },
    {
      key: 'notes',
      label: `Notes (${String(detail.notes.length)})`,
      children: (
        <CaseNotesTab
          caseId={kase.id}
          selfId={selfId}
          notes={detail.notes}
          mayWrite={mayWrite}
          onAdded={() => void load()}
        />
      ),
    },
    {
      key: 'attachments',
      label: `Attachments (${String(detail.attachments.length)})`,
      children: (
        <CaseAttachmentsTab
          caseId={kase.id}
          selfId={selfId}
          attachments={detail.attachments}
          mayWrite={mayWrite && kase.status !== 'closed'}
          onAdded={() => void load()}
        />
      ),
    },
    {
      key: 'subjects',
      label: `Subjects (${String(detail.subjects.length)})`,
      children: (
        <Flex vertical gap="middle">
          <Table<CaseSubjectDto>
            rowKey={subjectKey}
            size="small"
            aria-label="Case subjects"
            pagination={false}
            dataSource={detail.subjects}
            columns={[
              { title: 'Type', key: 'type', render: (_, s) => s.type },
              {
                title: 'Subject',
                key: 'label',
                render: (_, s) => (s.type === 'customer' ? <Link to={`/customers/${s.id}`}>{s.label}</Link> : s.label),
              },
              { title: 'Id', key: 'id', render: (_, s) => <Typography.Text code>{s.id}</Typography.Text> },
            ]}
          />
          {customers.length > 0 && (
            <Collapse
              items={customers.map((s) => ({
                key: subjectKey(s),
                label: `${s.label} at a glance`,
                children: <CustomerGlancePanel customerId={s.id} />,
              }))}
              defaultActiveKey={customers.length === 1 ? [subjectKey(customers[0])] : []}
            />
          )}
        </Flex>
      ),
    },
    {
      key: 'transactions',
      label: `Transactions`,
      children: <CaseTransactionsPanel caseId={kase.id} />,
    },
    {
      key: 'graph',
      label: 'Graph',
      children:
        selectedGraphSubject === undefined ? (
          <Empty description="The case has no subjects to draw a money flow around" />
        ) : (
          <Flex vertical gap="small">
            {detail.subjects.length > 1 && (
              <Select
                aria-label="Graph subject"
                style={{ width: 320 }}
                value={subjectKey(selectedGraphSubject)}
                onChange={(value: string) => setGraphSubject(value)}
                options={detail.subjects.map((s) => ({ value: subjectKey(s), label: `${s.label} (${s.type})` }))}
              />
            )}
            <FlowGraphPanel
              key={subjectKey(selectedGraphSubject)}
              subjectType={selectedGraphSubject.type}
              subjectId={selectedGraphSubject.id}
              caseId={kase.id}
            />
          </Flex>
        ),
    },
    {
      key: 'alerts',
      label: `Alerts (${String(detail.alerts.length)})`,
      children: (
        <Table
          rowKey="id"
          size="small"
          aria-label="Linked alerts"
          pagination={false}
          dataSource={detail.alerts}
          columns={[
            {
              title: 'Alert',
              key: 'reference',
              render: (_, a) => <Link to={`/queues/alerts/${a.id}`}>{a.reference}</Link>,
            },
            { title: 'Type', key: 'type', render: (_, a) => <AlertTypeTag type={a.type} /> },
            { title: 'Title', key: 'title', render: (_, a) => a.title },
            {
              title: 'Disposition',
              key: 'disposition',
              render: (_, a) => (a.disposition === null ? a.status : humanize(a.disposition)),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <title>{`${kase.reference} · Verity`}</title>
      <Link to="/cases">
        <ArrowLeftOutlined /> Cases
      </Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center" wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {kase.reference}
          </Typography.Title>
          <CaseStatusTag status={kase.status} />
          <AlertPriorityTag priority={kase.priority} />
        </Space>
        {mayWrite && (
          <Space wrap>
            {active && kase.assigneeId !== selfId && (
              <Button
                icon={<UserAddOutlined />}
                loading={assigning}
                onClick={() => void change({ assigneeId: selfId })}
              >
                Assign to me
              </Button>
            )}
            {kase.status === 'open' && (
              <Button
                icon={<FileSearchOutlined />}
                loading={assigning}
                onClick={() => void change({ status: 'investigating' })}
              >
                Start investigation
              </Button>
            )}
            {active && (
              <Button type="primary" icon={<AuditOutlined />} onClick={() => setClosing(true)}>
                Request closure
              </Button>
            )}
          </Space>
        )}
      </Flex>
      <Typography.Text>{kase.title}</Typography.Text>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {kase.status === 'pending_approval' && detail.pendingApprovalId !== null && (
        <CaseApprovalPanel
          key={detail.pendingApprovalId}
          approvalId={detail.pendingApprovalId}
          onDecided={() => void load()}
        />
      )}
      <Card size="small">
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          size="small"
          items={[
            { key: 'assignee', label: 'Assignee', children: personLabel(kase.assigneeId, selfId) },
            { key: 'created', label: 'Opened', children: new Date(kase.createdAt).toLocaleString() },
            { key: 'createdBy', label: 'Opened by', children: personLabel(kase.createdBy, selfId) },
            ...(kase.reportDueAt !== null
              ? [
                  {
                    key: 'reportDue',
                    label: 'Report due',
                    children: <ReportDue dueAt={kase.reportDueAt} now={now} />,
                  },
                ]
              : []),
            ...(kase.closeDisposition !== null
              ? [
                  {
                    key: 'disposition',
                    label: 'Disposition',
                    children:
                      kase.closeDisposition === 'sar_needed'
                        ? `Report needed${kase.jurisdiction ? ` (${kase.jurisdiction})` : ''}${
                            kase.suspectIdentified === false ? ', no suspect identified' : ''
                          }`
                        : 'No report needed',
                  },
                ]
              : []),
            ...(kase.closedAt !== null
              ? [
                  {
                    key: 'closed',
                    label: 'Closed',
                    children: `${new Date(kase.closedAt).toLocaleString()} · approved by ${personLabel(kase.closedBy, selfId)}`,
                  },
                ]
              : []),
            ...(kase.closeSummary
              ? [
                  {
                    key: 'summary',
                    label: 'Closure summary',
                    span: 'filled' as const,
                    children: (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        {kase.closeSummary}
                      </Typography.Paragraph>
                    ),
                  },
                ]
              : []),
            ...(kase.description
              ? [
                  {
                    key: 'description',
                    label: 'Description',
                    span: 'filled' as const,
                    children: (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        {kase.description}
                      </Typography.Paragraph>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) => {
            setParams(new URLSearchParams(key === 'timeline' ? {} : { tab: key }));
          }}
          items={tabItems}
        />
      </Card>
      <CaseCloseRequestModal
        kase={kase}
        open={closing}
        onClose={() => setClosing(false)}
        onDone={() => {
          setClosing(false);
          void load();
        }}
      />
    </Flex>
  );
}
