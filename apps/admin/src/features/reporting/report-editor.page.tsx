import {
  CheckCircleOutlined,
  DownloadOutlined,
  EditOutlined,
  FilePdfOutlined,
  SaveOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { ReportApprovalPanel } from './report-approval.panel';
import { DueCountdown, ReportStatusTag } from './report-status.tag';
import { getBlob, getJson, reportPath, saveBlob, send, sendJson } from './reports.api';
import type { ReportActivityDto, ReportAddressDto, ReportDto, ReportPartyDto, ReportProblemDto } from './reports.dto';

const EDITABLE = new Set(['draft', 'pending_approval']);
const GENERATED = new Set(['approved', 'submitted', 'acknowledged', 'rejected']);
const FILED = new Set(['submitted', 'acknowledged', 'rejected']);

/** The validation messages at a document path (and below it), shown beside the field. */
function FieldProblems({ problems, path }: { problems: readonly ReportProblemDto[]; path: string }) {
  const here = problems.filter(
    (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
  );
  if (here.length === 0) return null;
  return (
    <Flex vertical gap={2} data-testid={`problems-${path}`}>
      {here.map((p) => (
        <Typography.Text key={`${p.format}:${p.path}:${p.message}`} type="danger">
          {`${p.format}: ${p.message}`}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Flex vertical gap={2} style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </Flex>
  );
}

interface PartyEditorProps {
  party: ReportPartyDto;
  index: number;
  problems: readonly ReportProblemDto[];
  disabled: boolean;
  onChange: (party: ReportPartyDto) => void;
}

function PartyEditor({ party, index, problems, disabled, onChange }: PartyEditorProps) {
  const path = `parties[${String(index)}]`;
  const address: ReportAddressDto = party.addresses[0] ?? { country: '' };
  const setAddress = (change: Partial<ReportAddressDto>) =>
    onChange({ ...party, addresses: [{ ...address, ...change }, ...party.addresses.slice(1)] });
  const identifier = party.identifiers[0];
  const text = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  return (
    <Card
      size="small"
      title={
        <Space>
          {party.kind === 'person'
            ? [party.firstName, party.lastName].filter(Boolean).join(' ') || 'Person'
            : party.name || 'Entity'}
          <Tag>{party.kind}</Tag>
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">Subject</Typography.Text>
          <Switch
            size="small"
            checked={party.isSubject}
            disabled={disabled}
            onChange={(isSubject) => onChange({ ...party, isSubject })}
          />
        </Space>
      }
    >
      <FieldProblems problems={problems} path={path} />
      <Row gutter={12}>
        {party.kind === 'person' ? (
          <>
            <Col span={8}>
              <Labelled label="First name">
                <Input
                  aria-label={`${path}.firstName`}
                  value={party.firstName ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, firstName: text(e.target.value) })}
                />
              </Labelled>
            </Col>
            <Col span={8}>
              <Labelled label="Last name">
                <Input
                  aria-label={`${path}.lastName`}
                  value={party.lastName}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, lastName: e.target.value })}
                />
              </Labelled>
            </Col>
            <Col span={8}>
              <Labelled label="Birth date (YYYY-MM-DD, empty when unknown)">
                <Input
                  aria-label={`${path}.birthDate`}
                  value={party.birthDate ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, birthDate: text(e.target.value) ?? null })}
                />
              </Labelled>
            </Col>
            <Col span={8}>
              <Labelled label="Native-script name">
                <Input
                  value={party.nativeName ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, nativeName: text(e.target.value) })}
                />
              </Labelled>
            </Col>
            <Col span={8}>
              <Labelled label="Nationality (alpha-2)">
                <Input
                  value={party.nationality ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, nationality: text(e.target.value.toUpperCase()) })}
                />
              </Labelled>
            </Col>
            <Col span={8}>
              <Labelled label="Occupation">
                <Input
                  value={party.occupation ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, occupation: text(e.target.value) })}
                />
              </Labelled>
            </Col>
          </>
        ) : (
          <>
            <Col span={12}>
              <Labelled label="Name">
                <Input
                  aria-label={`${path}.name`}
                  value={party.name}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, name: e.target.value })}
                />
              </Labelled>
            </Col>
            <Col span={12}>
              <Labelled label="Registration number">
                <Input
                  value={party.registrationNumber ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...party, registrationNumber: text(e.target.value) })}
                />
              </Labelled>
            </Col>
          </>
        )}
        <Col span={12}>
          <Labelled label="Street address">
            <Input
              value={address.line1 ?? ''}
              disabled={disabled}
              onChange={(e) => setAddress({ line1: text(e.target.value) })}
            />
          </Labelled>
        </Col>
        <Col span={6}>
          <Labelled label="City">
            <Input
              value={address.city ?? ''}
              disabled={disabled}
              onChange={(e) => setAddress({ city: text(e.target.value) })}
            />
          </Labelled>
        </Col>
        <Col span={3}>
          <Labelled label="Region">
            <Input
              value={address.region ?? ''}
              disabled={disabled}
              onChange={(e) => setAddress({ region: text(e.target.value) })}
            />
          </Labelled>
        </Col>
        <Col span={3}>
          <Labelled label="Country">
            <Input
              value={address.country}
              disabled={disabled}
              onChange={(e) => setAddress({ country: e.target.value.toUpperCase() })}
            />
          </Labelled>
        </Col>
        <Col span={8}>
          <Labelled label="Identifier type">
            <Select
              value={identifier?.type}
              placeholder="None"
              disabled={disabled}
              allowClear
              onChange={(type) =>
                onChange({
                  ...party,
                  identifiers:
                    type === undefined
                      ? []
                      : [{ ...(identifier ?? { number: '' }), type }, ...party.identifiers.slice(1)],
                })
              }
              options={['passport', 'national_id', 'driver_license', 'tax_id', 'lei', 'registration', 'other'].map(
                (t) => ({ value: t as NonNullable<typeof identifier>['type'], label: t.replace('_', ' ') }),
              )}
            />
          </Labelled>
        </Col>
        <Col span={8}>
          <Labelled label="Identifier number">
            <Input
              value={identifier?.number ?? ''}
              disabled={disabled || identifier === undefined}
              onChange={(e) =>
                identifier &&
                onChange({
                  ...party,
                  identifiers: [{ ...identifier, number: e.target.value }, ...party.identifiers.slice(1)],
                })
              }
            />
          </Labelled>
        </Col>
      </Row>
    </Card>
  );
}

/** The PDF artifact fetched as a blob and shown in an iframe (an object URL of this origin). */
function PdfPreview({ reportId }: { reportId: string }) {
  const [url, setUrl] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    void (async () => {
      const result = await getBlob(reportPath(reportId, '/artifacts/pdf'));
      if (!live) return;
      if (result.ok) {
        objectUrl = URL.createObjectURL(new Blob([result.data], { type: 'application/pdf' }));
        setUrl(objectUrl);
      } else setProblem(result.problem);
    })();
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [reportId]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!url) return <Spin />;
  return <iframe title="PDF preview" src={url} style={{ width: '100%', height: 720, border: 0 }} />;
}

/** One report: the editable document with validation beside each field, the approval, files, filing and amendments. */
export function ReportEditorPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const mayWrite = rolesGrant(session.user.roles, 'reports:write');
  const [report, setReport] = useState<ReportDto>();
  const [problems, setProblems] = useState<ReportProblemDto[]>([]);
  const [problem, setProblem] = useState<ApiProblem>();
  const [parties, setParties] = useState<ReportPartyDto[]>([]);
  const [activity, setActivity] = useState<ReportActivityDto>();
  const [narrative, setNarrative] = useState('');
  const [reason, setReason] = useState('');
  const [action, setAction] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [filedReference, setFiledReference] = useState('');

  const load = useCallback(async () => {
    const result = await getJson<ReportDto>(reportPath(id));
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const r = result.data;
    setReport(r);
    setParties(r.document.parties);
    setActivity(r.document.activity);
    setNarrative(r.narrative);
    setReason(r.document.reason);
    setAction(r.document.action);
    setDirty(false);
    const validation = await getJson<{ problems: ReportProblemDto[] }>(reportPath(id, '/validation'));
    if (validation.ok) setProblems(validation.data.problems);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function run(label: string, work: () => Promise<ApiProblem | undefined>) {
    setBusy(label);
    setProblem(undefined);
    const failure = await work();
    setBusy(undefined);
    if (failure) setProblem(failure);
    else await load();
  }

  const save = () =>
    run('save', async () => {
      const result = await sendJson<ReportDto>('PATCH', reportPath(id), {
        parties,
        activity,
        narrative,
        reason,
        action,
      });
      return result.ok ? undefined : result.problem;
    });

  const download = (format: string, fileName: string) =>
    run(`download-${format}`, async () => {
      const result = await getBlob(reportPath(id, `/artifacts/${encodeURIComponent(format)}`));
      if (!result.ok) return result.problem;
      saveBlob(result.data, fileName);
      return undefined;
    });

  const evidencePack = () =>
    run('evidence', async () => {
      const result = await getBlob(reportPath(id, '/evidence-pack'));
      if (!result.ok) return result.problem;
      saveBlob(result.data, `${report?.reference ?? 'report'}-evidence.tar.gz`);
      return undefined;
    });

  const acknowledge = (file: File) =>
    run('ack', async () => send(reportPath(id, '/acknowledgement'), { xml: await file.text() }));

  const amend = async (kind: 'correction' | 'amendment') => {
    setBusy(kind);
    const result = await sendJson<ReportDto>('POST', reportPath(id, '/amendments'), { kind });
    setBusy(undefined);
    if (result.ok) void navigate(`/reports/${encodeURIComponent(result.data.id)}`);
    else setProblem(result.problem);
  };

  if (!report) return problem ? <ProblemAlert problem={problem} /> : <Spin />;
  const editable = mayWrite && EDITABLE.has(report.status);
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setDirty(true);
    };

  return (
    <Flex vertical gap="middle">
      <Card
        title={
          <Space>
            <EditOutlined />
            {report.reference}
            <Tag>{report.kind}</Tag>
            <ReportStatusTag status={report.status} />
          </Space>
        }
        extra={<Link to="/reports">All reports</Link>}
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="Case">
            {report.caseId ? (
              <Link to={`/cases/${encodeURIComponent(report.caseId)}`}>{report.caseReference ?? report.caseId}</Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="Due">
            <DueCountdown dueAt={report.dueAt} done={FILED.has(report.status)} />
          </Descriptions.Item>
          <Descriptions.Item label="Formats">{report.formats.join(', ')}</Descriptions.Item>
          <Descriptions.Item label="Filed reference">{report.filedReference ?? '—'}</Descriptions.Item>
          {report.amendsReportId && (
            <Descriptions.Item label={report.amendmentKind ?? 'Amends'}>
              <Link to={`/reports/${encodeURIComponent(report.amendsReportId)}`}>original report</Link>
            </Descriptions.Item>
          )}
          {report.rejectionReason && (
            <Descriptions.Item label="Rejected by the FIU">{report.rejectionReason}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {problem && <ProblemAlert problem={problem} />}

      {EDITABLE.has(report.status) && (
        <Card title="Validation" size="small">
          {problems.length === 0 ? (
            <Alert type="success" showIcon title="Ready: every format can be generated" />
          ) : (
            <List
              size="small"
              dataSource={problems}
              renderItem={(p) => (
                <List.Item>
                  <Typography.Text code>{p.path}</Typography.Text> <Tag>{p.format}</Tag> {p.message}
                </List.Item>
              )}
            />
          )}
        </Card>
      )}

      {report.status === 'pending_approval' && report.approvalRequestId && (
        <ReportApprovalPanel approvalId={report.approvalRequestId} onDecided={() => void load()} />
      )}

      <Card
        title="Subjects and parties"
        extra={
          editable && (
            <Space>
              <Button
                icon={<SaveOutlined />}
                type={dirty ? 'primary' : 'default'}
                loading={busy === 'save'}
                onClick={() => void save()}
              >
                Save changes
              </Button>
              {report.status === 'draft' && (
                <Button
                  icon={<SendOutlined />}
                  disabled={dirty || problems.length > 0}
                  loading={busy === 'submit'}
                  onClick={() => void run('submit', () => send(reportPath(id, '/submit-for-approval')))}
                >
                  Submit for approval
                </Button>
              )}
            </Space>
          )
        }
      >
        <FieldProblems problems={problems} path="parties" />
        <Flex vertical gap="small">
          {parties.map((party, index) => (
            <PartyEditor
              key={party.ref}
              party={party}
              index={index}
              problems={problems}
              disabled={!editable}
              onChange={(next) => change(setParties)(parties.map((p, i) => (i === index ? next : p)))}
            />
          ))}
        </Flex>
      </Card>

      <Card title="Activity, reason and narrative">
        <Form layout="vertical" disabled={!editable}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item label="From (YYYY-MM-DD)">
                <Input
                  value={activity?.from ?? ''}
                  onChange={(e) => activity && change(setActivity)({ ...activity, from: e.target.value })}
                />
                <FieldProblems problems={problems} path="activity.from" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="To (YYYY-MM-DD)">
                <Input
                  value={activity?.to ?? ''}
                  onChange={(e) => activity && change(setActivity)({ ...activity, to: e.target.value })}
                />
                <FieldProblems problems={problems} path="activity.to" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={`Total (minor units, ${activity?.currency ?? ''})`}>
                <Input
                  value={activity?.totalAmountMinor ?? ''}
                  onChange={(e) => activity && change(setActivity)({ ...activity, totalAmountMinor: e.target.value })}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="Transactions">
                <Typography.Text>{report.document.transactions.length}</Typography.Text>
                <FieldProblems problems={problems} path="transactions" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="Reason for filing">
            <Input.TextArea rows={2} value={reason} onChange={(e) => change(setReason)(e.target.value)} />
            <FieldProblems problems={problems} path="reason" />
          </Form.Item>
          <Form.Item label="Action taken">
            <Input.TextArea rows={2} value={action} onChange={(e) => change(setAction)(e.target.value)} />
            <FieldProblems problems={problems} path="action" />
          </Form.Item>
          <Form.Item label="Narrative">
            <Input.TextArea
              aria-label="Narrative"
              rows={8}
              value={narrative}
              onChange={(e) => change(setNarrative)(e.target.value)}
            />
            <FieldProblems problems={problems} path="narrative" />
          </Form.Item>
          <FieldProblems problems={problems} path="institution" />
        </Form>
      </Card>

      {GENERATED.has(report.status) && (
        <Card title="Generated files">
          <Space wrap style={{ marginBottom: 16 }}>
            {report.artifacts.map((a) => (
              <Button
                key={a.format}
                icon={a.format === 'pdf' ? <FilePdfOutlined /> : <DownloadOutlined />}
                loading={busy === `download-${a.format}`}
                onClick={() => void download(a.format, a.fileName)}
                title={`SHA-256 ${a.sha256}`}
              >
                {a.fileName}
              </Button>
            ))}
            <Button icon={<DownloadOutlined />} loading={busy === 'evidence'} onClick={() => void evidencePack()}>
              Evidence pack
            </Button>
          </Space>
          {report.artifacts.some((a) => a.format === 'pdf') && <PdfPreview reportId={report.id} />}
        </Card>
      )}

      {mayWrite && GENERATED.has(report.status) && (
        <Card title="Filing">
          {report.status === 'approved' && (
            <Space>
              <Input
                placeholder="FIU reference (optional)"
                value={filedReference}
                onChange={(e) => setFiledReference(e.target.value)}
                style={{ width: 260 }}
              />
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'file'}
                onClick={() =>
                  void run('file', () =>
                    send(reportPath(id, '/filing'), {
                      status: 'submitted',
                      ...(filedReference.trim() ? { filedReference: filedReference.trim() } : {}),
                    }),
                  )
                }
              >
                Mark as submitted
              </Button>
            </Space>
          )}
          {report.status === 'submitted' && (
            <Space>
              <Typography.Text>Import FinCEN&apos;s acknowledgement (XML):</Typography.Text>
              <input
                type="file"
                accept=".xml,application/xml,text/xml"
                aria-label="Acknowledgement file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void acknowledge(file);
                }}
              />
              {busy === 'ack' && <UploadOutlined spin />}
            </Space>
          )}
          {FILED.has(report.status) && (
            <Space style={{ marginTop: 12 }}>
              {report.status === 'acknowledged' && <CheckCircleOutlined style={{ color: 'green' }} />}
              <Button loading={busy === 'correction'} onClick={() => void amend('correction')}>
                Draft a correction
              </Button>
              <Button loading={busy === 'amendment'} onClick={() => void amend('amendment')}>
                Draft an amendment
              </Button>
            </Space>
          )}
        </Card>
      )}
    </Flex>
  );
}
