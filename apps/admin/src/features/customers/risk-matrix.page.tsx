import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import type { RiskMatrixDto, RiskMatrixOverviewDto } from './customers.dto';
import { CustomersNav } from './customers.nav';

const STATUS_COLOURS: Record<RiskMatrixDto['status'], string> = {
  active: 'green',
  draft: 'orange',
  retired: 'default',
};

const versionColumns: TableColumnsType<RiskMatrixDto> = [
  { title: 'Version', dataIndex: 'version' },
  {
    title: 'Status',
    dataIndex: 'status',
    render: (s: RiskMatrixDto['status']) => <Tag color={STATUS_COLOURS[s]}>{s}</Tag>,
  },
  {
    title: 'Activated',
    dataIndex: 'activatedAt',
    render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—'),
  },
];

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** The risk scoring matrix: the active version, the draft editor and its four-eyes submission. */
export function RiskMatrixPage() {
  const session = useSession();
  const mayWrite = rolesGrant(session.user.roles, 'risk_matrix:write');
  const [overview, setOverview] = useState<RiskMatrixOverviewDto>();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    const result = await callApi(() => api.GET('/v1/risk-matrix'));
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setOverview(result.data);
    setText(pretty((result.data.draft ?? result.data.active).definition));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function saveDraft() {
    let definition: Record<string, unknown>;
    try {
      definition = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      setProblem({ title: 'Not valid JSON', detail: (error as Error).message, errors: [] });
      return;
    }
    setBusy(true);
    const result = await callApi(() => api.PUT('/v1/risk-matrix/draft', { body: { definition } }));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setNotice(`Draft version ${String(result.data.version)} saved.`);
    await load();
  }

  async function submit() {
    setBusy(true);
    const result = await callApi(() => api.POST('/v1/risk-matrix/draft/submit'));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setNotice('Submitted: another compliance officer or admin must approve it in Approvals.');
    await load();
  }

  return (
    <Flex vertical gap="middle">
      <CustomersNav />
      {problem && <ProblemAlert problem={problem} />}
      {notice && <Alert type="success" showIcon title={notice} closable onClose={() => setNotice(undefined)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={
              overview?.draft ? (
                <Space>
                  Draft version {overview.draft.version}
                  <Tag color="orange">draft</Tag>
                </Space>
              ) : (
                <Space>
                  Active version {overview?.active.version ?? ''}
                  <Tag color="green">active</Tag>
                </Space>
              )
            }
            extra={<Button icon={<ReloadOutlined />} aria-label="Reload the matrix" onClick={() => void load()} />}
          >
            {overview?.pendingApproval && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  <span>
                    Waiting for a second person’s approval —{' '}
                    <Link to={`/approvals?box=mine&open=${overview.pendingApproval.id}`}>open the request</Link>.
                    Editing the draft voids it.
                  </span>
                }
              />
            )}
            <Typography.Paragraph type="secondary">
              Points per factor; the sum rated against the thresholds. Country lists: <code>highRisk</code> makes
              enhanced due diligence mandatory; <code>reviewMonths</code> sets the periodic review interval per rating.
            </Typography.Paragraph>
            <Input.TextArea
              aria-label="Risk matrix definition"
              value={text}
              readOnly={!mayWrite}
              onChange={(e) => setText(e.target.value)}
              autoSize={{ minRows: 16, maxRows: 40 }}
              style={{ fontFamily: 'monospace' }}
            />
            {mayWrite && (
              <Space style={{ marginTop: 12 }}>
                <Button onClick={() => void saveDraft()} loading={busy}>
                  Save draft
                </Button>
                <Button type="primary" disabled={!overview?.draft} onClick={() => void submit()} loading={busy}>
                  Submit for approval
                </Button>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="Versions" size="small">
            <Table<RiskMatrixDto>
              rowKey="id"
              size="small"
              pagination={false}
              columns={versionColumns}
              dataSource={overview?.versions ?? []}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
