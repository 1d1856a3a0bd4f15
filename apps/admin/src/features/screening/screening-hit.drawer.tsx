import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Col, Drawer, Flex, Form, Input, List, Row, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { HitStatusTag } from './screening-hit-status.tag';
import { RecordView } from './screening-value.view';
import { LIST_SOURCE_LABELS, scoreText, type ListSource, type ScreeningHitDetailDto } from './screening.dto';

const SUBJECT_FIELDS = [
  { key: 'name', label: 'Name' },
  { key: 'aliases', label: 'Aliases' },
  { key: 'entityType', label: 'Type' },
  { key: 'dateOfBirth', label: 'Date of birth' },
  { key: 'nationalities', label: 'Nationalities' },
  { key: 'country', label: 'Country' },
  { key: 'identifiers', label: 'Identifiers' },
];
const ENTRY_FIELDS = [
  { key: 'name', label: 'Name' },
  { key: 'aliases', label: 'Aliases' },
  { key: 'entityType', label: 'Type' },
  { key: 'datesOfBirth', label: 'Dates of birth' },
  { key: 'nationalities', label: 'Nationalities' },
  { key: 'countries', label: 'Countries' },
  { key: 'identifiers', label: 'Identifiers' },
  { key: 'programs', label: 'Programs' },
  { key: 'remarks', label: 'Remarks' },
];

type Loaded =
  { status: 'loading' } | { status: 'ready'; hit: ScreeningHitDetailDto } | { status: 'failed'; problem: ApiProblem };

/** One hit side by side: the subject as screened against the list entry, the explanation, and the decision. */
export function ScreeningHitDrawer({
  hitId,
  onClose,
  onDecided,
}: {
  hitId?: string;
  onClose: () => void;
  onDecided: () => void;
}) {
  const session = useSession();
  const canDecide = rolesGrant(session.user.roles, 'screening:adjudicate');
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const load = useCallback(async (id: string) => {
    setLoaded({ status: 'loading' });
    const result = await callApi(() => api.GET('/v1/screening/hits/{id}', { params: { path: { id } } }));
    setLoaded(result.ok ? { status: 'ready', hit: result.data } : { status: 'failed', problem: result.problem });
  }, []);

  useEffect(() => {
    setProblem(undefined);
    form.resetFields();
    if (hitId !== undefined) void load(hitId);
  }, [hitId, load, form]);

  async function decide(decision: 'true_match' | 'false_positive') {
    if (loaded.status !== 'ready') return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason;
    } catch {
      return;
    }
    setBusy(true);
    setProblem(undefined);
    const result = await callApi(() =>
      api.POST('/v1/screening/hits/{id}/adjudication', {
        params: { path: { id: loaded.hit.id } },
        body: { decision, reason },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setLoaded({ status: 'ready', hit: result.data });
    onDecided();
  }

  const hit = loaded.status === 'ready' ? loaded.hit : undefined;
  return (
    <Drawer open={hitId !== undefined} onClose={onClose} size="large" title="Screening hit" destroyOnHidden>
      {loaded.status === 'loading' && <Spin />}
      {loaded.status === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {hit !== undefined && (
        <Flex vertical gap="middle">
          <Flex gap="small" align="center" wrap>
            <HitStatusTag status={hit.status} />
            <Typography.Text strong>Score {scoreText(hit.score)}</Typography.Text>
            <Typography.Text type="secondary">
              {LIST_SOURCE_LABELS[hit.listSource as ListSource] ?? hit.listSource} entry {hit.entryExternalId} ·{' '}
              {hit.subjectKind} {hit.subjectId}
            </Typography.Text>
          </Flex>
          <Row gutter={16}>
            <Col span={12}>
              <RecordView title="Subject" record={hit.subject} fields={SUBJECT_FIELDS} />
            </Col>
            <Col span={12}>
              <RecordView title="List entry" record={hit.entry} fields={ENTRY_FIELDS} />
            </Col>
          </Row>
          <List
            size="small"
            header={<Typography.Text strong>Why it matched (“{hit.matchedName}”)</Typography.Text>}
            bordered
            dataSource={hit.explanation.summary}
            renderItem={(line) => <List.Item>{line}</List.Item>}
          />
          {problem !== undefined && <ProblemAlert problem={problem} />}
          {hit.status === 'open' && canDecide ? (
            <Form form={form} layout="vertical">
              <Form.Item
                name="reason"
                label="Reason"
                rules={[{ required: true, whitespace: true, message: 'Say why (it is recorded in the audit ledger)' }]}
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Flex gap="small">
                <Button
                  danger
                  icon={<CheckOutlined />}
                  loading={busy}
                  onClick={() => {
                    void decide('true_match');
                  }}
                >
                  True match
                </Button>
                <Button
                  icon={<StopOutlined />}
                  loading={busy}
                  onClick={() => {
                    void decide('false_positive');
                  }}
                >
                  False positive
                </Button>
              </Flex>
            </Form>
          ) : (
            hit.status !== 'open' && (
              <Typography.Paragraph>
                Decided {hit.adjudicatedAt ? new Date(hit.adjudicatedAt).toLocaleString() : ''} by {hit.adjudicatedBy}:{' '}
                {hit.adjudicationReason}
              </Typography.Paragraph>
            )
          )}
        </Flex>
      )}
    </Drawer>
  );
}
