import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FolderAddOutlined,
  LockOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Result, Row, Space, Spin, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { AlertDispositionModal } from './alert-disposition.modal';
import { AlertEscalateModal } from './alert-escalate.modal';
import { AlertEvidenceView } from './alert-evidence.view';
import { AlertPriorityTag, AlertStatusTag, AlertTypeTag, humanize } from './alert-status.tag';
import { getJson, send, segment } from './queues.api';
import type { AlertDetailDto, AlertEventDto } from './queues.dto';
import { SlaCountdown, useNow } from './sla.countdown';

type Loaded =
  { status: 'loading' } | { status: 'ready'; alert: AlertDetailDto } | { status: 'failed'; problem: ApiProblem };

function eventText(event: AlertEventDto): string {
  const parts = Object.entries(event.details)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    .map(([key, value]) => `${key}: ${String(value)}`);
  return parts.join(' · ');
}

/** One alert: its evidence, timeline and the analyst's actions (claim, release, close, escalate into a case). */
export function AlertDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const mayWork = rolesGrant(session.user.roles, 'alerts:work');
  const mayOpenCases = rolesGrant(session.user.roles, 'cases:write');
  const now = useNow();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState<'claim' | 'release'>();
  const [modal, setModal] = useState<'dispose' | 'escalate'>();

  const load = useCallback(async () => {
    const result = await getJson<AlertDetailDto>(`/v1/alerts/${segment(id)}`);
    setLoaded(result.ok ? { status: 'ready', alert: result.data } : { status: 'failed', problem: result.problem });
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: 'claim' | 'release') {
    setBusy(action);
    setProblem(undefined);
    const failure = await send('POST', `/v1/alerts/${segment(id)}/${action}`);
    setBusy(undefined);
    if (failure !== undefined) setProblem(failure);
    await load();
  }

  if (loaded.status === 'loading') return <Spin />;
  if (loaded.status === 'failed') {
    return loaded.problem.status === 404 ? (
      <Result status="404" title="No such alert" extra={<Link to="/queues">Back to the queues</Link>} />
    ) : (
      <ProblemAlert problem={loaded.problem} />
    );
  }
  const { alert } = loaded;
  const active = alert.status === 'open' || alert.status === 'claimed';
  const mine = alert.status === 'claimed' && alert.assignee?.id === session.user.id;
  const disposedBy =
    alert.disposedBy === null ? undefined : alert.disposedBy === session.user.id ? 'you' : alert.disposedBy.slice(0, 8);

  return (
    <Flex vertical gap="middle">
      <title>{`${alert.reference} · Verity`}</title>
      <Link to="/queues">
        <ArrowLeftOutlined /> Alert queues
      </Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center" wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {alert.reference}
          </Typography.Title>
          <AlertTypeTag type={alert.type} />
          <AlertPriorityTag priority={alert.priority} />
          <AlertStatusTag status={alert.status} />
        </Space>
        {mayWork && (
          <Space wrap>
            {alert.status === 'open' && (
              <Button
                type="primary"
                icon={<LockOutlined />}
                loading={busy === 'claim'}
                onClick={() => void act('claim')}
              >
                Claim
              </Button>
            )}
            {alert.status === 'claimed' && !mine && (
              <Typography.Text type="secondary">
                Claimed by {alert.assignee?.displayName ?? 'someone else'}
              </Typography.Text>
            )}
            {alert.status === 'claimed' && (mine || rolesGrant(session.user.roles, 'queues:manage')) && (
              <Button icon={<UnlockOutlined />} loading={busy === 'release'} onClick={() => void act('release')}>
                Release
              </Button>
            )}
            {mine && (
              <Button icon={<CheckCircleOutlined />} onClick={() => setModal('dispose')}>
                Close as…
              </Button>
            )}
            {active && mayOpenCases && (mine || alert.status === 'open') && (
              <Button icon={<FolderAddOutlined />} onClick={() => setModal('escalate')}>
                Escalate to case
              </Button>
            )}
          </Space>
        )}
      </Flex>
      <Typography.Text>{alert.title}</Typography.Text>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap="middle">
            <Card size="small" title="Alert">
              <Descriptions
                column={{ xs: 1, md: 2 }}
                size="small"
                items={[
                  {
                    key: 'subject',
                    label: 'Subject',
                    children:
                      alert.subject.type === 'customer' ? (
                        <Link to={`/customers/${alert.subject.id}`}>{alert.subject.label}</Link>
                      ) : alert.subject.type === 'case' ? (
                        <Link to={`/cases/${alert.subject.id}`}>{alert.subject.label}</Link>
                      ) : (
                        `${alert.subject.label} (${alert.subject.type})`
                      ),
                  },
                  { key: 'queue', label: 'Queue', children: alert.queue.name },
                  {
                    key: 'assignee',
                    label: 'Assignee',
                    children:
                      alert.assignee === null
                        ? 'nobody'
                        : mine
                          ? 'you'
                          : (alert.assignee.displayName ?? alert.assignee.id),
                  },
                  {
                    key: 'sla',
                    label: 'SLA',
                    children: <SlaCountdown dueAt={alert.slaDueAt} now={now} stopped={!active} />,
                  },
                  ...(alert.escalationLevel > 0
                    ? [{ key: 'escalation', label: 'SLA escalations', children: String(alert.escalationLevel) }]
                    : []),
                  { key: 'created', label: 'Created', children: new Date(alert.createdAt).toLocaleString() },
                  ...(alert.disposition
                    ? [
                        {
                          key: 'disposition',
                          label: 'Disposition',
                          children: `${humanize(alert.disposition)} · ${humanize(alert.reasonCode ?? '')}${
                            disposedBy ? ` · by ${disposedBy}` : ''
                          }`,
                        },
                      ]
                    : []),
                  ...(alert.dispositionNote
                    ? [
                        {
                          key: 'note',
                          label: 'Note',
                          children: (
                            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                              {alert.dispositionNote}
                            </Typography.Paragraph>
                          ),
                        },
                      ]
                    : []),
                  ...(alert.caseId !== null
                    ? [
                        {
                          key: 'case',
                          label: 'Case',
                          children: <Link to={`/cases/${alert.caseId}`}>Open the case</Link>,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card size="small" title="Evidence">
              <AlertEvidenceView alert={alert} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap="middle">
            <Card size="small" title="Timeline">
              <Timeline
                aria-label="Alert timeline"
                items={[...alert.events]
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
            </Card>
            {alert.related.length > 0 && (
              <Card size="small" title="Related alerts (same subject)">
                <Flex vertical gap={4}>
                  {alert.related.map((r) => (
                    <Space key={r.id} size={4} wrap>
                      <Link to={`/queues/alerts/${r.id}`}>{r.reference}</Link>
                      <AlertStatusTag status={r.status} />
                      <Typography.Text type="secondary">{r.title}</Typography.Text>
                    </Space>
                  ))}
                </Flex>
              </Card>
            )}
          </Flex>
        </Col>
      </Row>
      <AlertDispositionModal
        alert={alert}
        open={modal === 'dispose'}
        onClose={() => setModal(undefined)}
        onDone={() => {
          setModal(undefined);
          void load();
        }}
      />
      <AlertEscalateModal alert={alert} open={modal === 'escalate'} onClose={() => setModal(undefined)} />
    </Flex>
  );
}
