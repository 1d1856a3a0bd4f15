import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  List,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  message,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { callApi, type ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import {
  DECISION_COLORS,
  NEW_RULE_SET_DOCUMENT,
  RULE_SET_STATUS_COLORS,
  type DryRunResultDto,
  type RuleFactDto,
  type RuleSetDiffDto,
  type RuleSetDto,
} from './monitoring.dto';
import { RuleConditionsForm } from './rule-conditions.form';

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

const SAMPLE_FACTS = pretty([
  { ref: 'small payment', amount: 120, customerIsPep: 0, counterpartyCountryRisk: 0 },
  { ref: 'large payment', amount: 75000, customerIsPep: 0, counterpartyCountryRisk: 0 },
]);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function DiffView({ diff }: { diff: RuleSetDiffDto }) {
  return (
    <Flex vertical gap="small" aria-label="Diff against the published version">
      <Typography.Text>
        {diff.publishedVersion === null
          ? 'Nothing is published yet: every rule is new.'
          : `Against the published version ${String(diff.publishedVersion)}: ${String(diff.unchanged)} rule(s) unchanged.`}
      </Typography.Text>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="Added">
          {diff.added.length === 0
            ? '—'
            : diff.added.map((n) => (
                <Tag color="green" key={n}>
                  {n}
                </Tag>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="Removed">
          {diff.removed.length === 0
            ? '—'
            : diff.removed.map((n) => (
                <Tag color="red" key={n}>
                  {n}
                </Tag>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="Changed">
          {diff.changed.length === 0 ? (
            '—'
          ) : (
            <List
              size="small"
              dataSource={diff.changed}
              renderItem={(c) => (
                <List.Item>
                  <Tag color="gold">{c.name}</Tag> {c.fields.join(', ')}
                </List.Item>
              )}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Thresholds">
          {diff.thresholds === null
            ? 'unchanged'
            : `${diff.thresholds.before ? `review ${String(diff.thresholds.before.review)}, block ${String(diff.thresholds.before.block)}` : 'default'} → review ${String(diff.thresholds.after.review)}, block ${String(diff.thresholds.after.block)}`}
        </Descriptions.Item>
      </Descriptions>
      {diff.delta !== null && (
        <details>
          <summary>JSON delta</summary>
          <pre style={{ fontSize: 12 }}>{pretty(diff.delta)}</pre>
        </details>
      )}
    </Flex>
  );
}

function DryRunPanel({ ruleSetId, saved }: { ruleSetId: string | undefined; saved: boolean }) {
  const [samples, setSamples] = useState(SAMPLE_FACTS);
  const [modelScore, setModelScore] = useState('0');
  const [transactionIds, setTransactionIds] = useState('');
  const [results, setResults] = useState<DryRunResultDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [running, setRunning] = useState(false);
  const run = async (): Promise<void> => {
    if (ruleSetId === undefined) return;
    const parsed = samples.trim() === '' ? { ok: true as const, value: [] } : parseJson(samples);
    if (!parsed.ok || !Array.isArray(parsed.value)) {
      setProblem({ title: 'The samples must be a JSON array of fact objects', errors: [] });
      return;
    }
    const ids = transactionIds
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    setRunning(true);
    const result = await callApi(() =>
      api.POST('/v1/rule-sets/{id}/dry-run', {
        params: { path: { id: ruleSetId } },
        body: {
          samples: parsed.value as Record<string, unknown>[],
          transactionIds: ids,
          modelScore: Number(modelScore) || 0,
        },
      }),
    );
    setRunning(false);
    if (result.ok) {
      setResults(result.data);
      setProblem(undefined);
    } else setProblem(result.problem);
  };
  return (
    <Flex vertical gap="small">
      {!saved && <Alert type="info" showIcon title="Save the draft first: the dry run uses the stored version." />}
      <Typography.Text>Fact samples (feature name → value; an optional “ref” labels each):</Typography.Text>
      <Input.TextArea
        aria-label="Dry-run samples"
        rows={8}
        value={samples}
        onChange={(e) => setSamples(e.target.value)}
        style={{ fontFamily: 'monospace' }}
      />
      <Typography.Text>
        Stored transactions (their ids, from the transactions explorer), replayed with their stored features and model
        score:
      </Typography.Text>
      <Input.TextArea
        aria-label="Transaction ids"
        rows={2}
        placeholder="one id per line"
        value={transactionIds}
        onChange={(e) => setTransactionIds(e.target.value)}
        style={{ fontFamily: 'monospace' }}
      />
      <Space>
        <span>Model score (fact samples)</span>
        <Input
          aria-label="Model score"
          style={{ width: 90 }}
          value={modelScore}
          onChange={(e) => setModelScore(e.target.value)}
        />
        <Button onClick={() => void run()} loading={running} disabled={ruleSetId === undefined || !saved}>
          Run
        </Button>
      </Space>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {results !== undefined && (
        <Table<DryRunResultDto>
          aria-label="Dry-run results"
          size="small"
          rowKey={(r, i) => `${r.ref}-${String(i)}`}
          dataSource={results}
          pagination={false}
          columns={[
            { title: 'Sample', dataIndex: 'ref' },
            {
              title: 'Decision',
              dataIndex: 'decision',
              render: (d: DryRunResultDto['decision']) => <Tag color={DECISION_COLORS[d]}>{d}</Tag>,
            },
            { title: 'Score', dataIndex: 'score', render: (s: number) => s.toFixed(3) },
            {
              title: 'Stored decision',
              dataIndex: 'storedDecision',
              render: (d: DryRunResultDto['storedDecision']) =>
                d === null ? '—' : <Tag color={DECISION_COLORS[d]}>{d}</Tag>,
            },
            {
              title: 'Fired rules',
              dataIndex: 'fired',
              render: (fired: DryRunResultDto['fired']) =>
                fired.length === 0 ? '—' : fired.map((f) => <Tag key={f.name}>{f.name}</Tag>),
            },
          ]}
        />
      )}
    </Flex>
  );
}

/** The rule-set editor: JSON with the API's validation, a form for common conditions, diff, dry run, submission. */
export function RuleSetEditorPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = rolesGrant(session.user.roles, 'rules:write');
  const [ruleSet, setRuleSet] = useState<RuleSetDto>();
  const [name, setName] = useState('New rule set');
  const [text, setText] = useState(pretty(NEW_RULE_SET_DOCUMENT));
  const [savedText, setSavedText] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [diff, setDiff] = useState<RuleSetDiffDto>();
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState('json');
  const [facts, setFacts] = useState<RuleFactDto[]>([]);

  useEffect(() => {
    void callApi(() => api.GET('/v1/rule-sets/facts')).then((result) => {
      if (result.ok) setFacts(result.data);
    });
  }, []);

  const load = useCallback(async () => {
    if (isNew) return;
    const result = await callApi(() => api.GET('/v1/rule-sets/{id}', { params: { path: { id } } }));
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setRuleSet(result.data);
    setName(result.data.name);
    setText(pretty(result.data.document));
    setSavedText(pretty(result.data.document));
  }, [id, isNew]);

  useEffect(() => {
    void load();
  }, [load]);

  const parsed = useMemo(() => parseJson(text), [text]);
  const editable = canWrite && (isNew || ruleSet?.status === 'draft' || ruleSet?.status === 'pending_approval');
  const dirty = isNew || text !== savedText || name !== ruleSet?.name;

  const save = async (): Promise<void> => {
    if (!parsed.ok) {
      setProblem({ title: `The JSON does not parse: ${parsed.error}`, errors: [] });
      return;
    }
    setBusy(true);
    const document = parsed.value as Record<string, unknown>;
    const result = isNew
      ? await callApi(() => api.POST('/v1/rule-sets', { body: { name, document } }))
      : await callApi(() => api.PUT('/v1/rule-sets/{id}', { params: { path: { id } }, body: { name, document } }));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    void message.success(`Saved version ${String(result.data.version)}`);
    if (isNew) {
      void navigate(`/rules/rule-sets/${result.data.id}`, { replace: true });
    } else {
      setRuleSet(result.data);
      setSavedText(pretty(result.data.document));
      setText(pretty(result.data.document));
    }
  };

  const submit = async (): Promise<void> => {
    if (isNew) return;
    setBusy(true);
    const result = await callApi(() => api.POST('/v1/rule-sets/{id}/submit', { params: { path: { id } } }));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    void message.success('Submitted: a second person must approve it in Approvals');
    await load();
  };

  const loadDiff = useCallback(async () => {
    if (isNew) return;
    const result = await callApi(() => api.GET('/v1/rule-sets/{id}/diff', { params: { path: { id } } }));
    if (result.ok) setDiff(result.data);
    else setProblem(result.problem);
  }, [id, isNew]);

  return (
    <Flex vertical gap="middle">
      <title>Rule-set editor · Verity</title>
      <Typography.Text>
        <Link to="/rules">Rules and models</Link> / rule set
      </Typography.Text>
      <Flex gap="small" align="center" wrap>
        <Input
          aria-label="Rule-set name"
          value={name}
          disabled={!editable}
          onChange={(e) => setName(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        {ruleSet && <Tag>version {ruleSet.version}</Tag>}
        {ruleSet && <Tag color={RULE_SET_STATUS_COLORS[ruleSet.status]}>{ruleSet.status.replace('_', ' ')}</Tag>}
        <Button type="primary" onClick={() => void save()} loading={busy} disabled={!editable || !dirty}>
          {isNew ? 'Create draft' : 'Save draft'}
        </Button>
        {!isNew && (
          <Button
            onClick={() => void submit()}
            loading={busy}
            disabled={!canWrite || dirty || (ruleSet?.status !== 'draft' && ruleSet?.status !== 'pending_approval')}
          >
            Submit for approval
          </Button>
        )}
      </Flex>
      {ruleSet?.pendingApproval && (
        <Alert
          type="info"
          showIcon
          title="Waiting for approval"
          description={
            <>
              A second person holding “approve rules” must approve it in <Link to="/approvals">Approvals</Link>. Editing
              the draft now cancels the request.
            </>
          }
        />
      )}
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {!parsed.ok && <Alert type="warning" showIcon title={`The JSON does not parse: ${parsed.error}`} />}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setTab(key);
            if (key === 'diff') void loadDiff();
          }}
          items={[
            {
              key: 'json',
              label: 'JSON',
              children: (
                <Input.TextArea
                  aria-label="Rule-set JSON"
                  rows={24}
                  value={text}
                  readOnly={!editable}
                  spellCheck={false}
                  onChange={(e) => setText(e.target.value)}
                  style={{ fontFamily: 'monospace', fontSize: 13 }}
                />
              ),
            },
            {
              key: 'form',
              label: 'Conditions',
              children: (
                <RuleConditionsForm
                  document={parsed.ok ? parsed.value : null}
                  facts={facts}
                  disabled={!editable}
                  onChange={(document) => setText(pretty(document))}
                />
              ),
            },
            {
              key: 'diff',
              label: 'Diff',
              disabled: isNew,
              children: diff ? <DiffView diff={diff} /> : <Typography.Text type="secondary">Loading…</Typography.Text>,
            },
            {
              key: 'dry-run',
              label: 'Dry run',
              disabled: isNew,
              children: <DryRunPanel ruleSetId={isNew ? undefined : id} saved={!dirty} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
