import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Progress, Radio, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { AuditExportDto, CreateAuditExportDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

interface AuditExportPanelProps {
  tenantSlug: string;
  /** The subject of the selected entry or of the search, to prefill the form and the command. */
  subject?: { type: string; id: string };
}

type SelectionKind = 'subject' | 'range';

interface ExportForm {
  kind: SelectionKind;
  type?: string;
  id?: string;
  from?: number;
  to?: number;
  out?: string;
}

/** How often an unfinished export is asked for its progress. */
const POLL_MS = 1_000;
const LIST_LIMIT = 50;

/** POSIX shell quoting, so that a subject id with spaces or quotes still makes one argument. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `verity audit export` command that writes the same pack from a machine with database access. */
export function exportCommand(
  tenantSlug: string,
  selection: { subject: { type: string; id: string } } | { from: string; to: string },
  outDir: string,
): string {
  return [
    'verity audit export',
    `--tenant ${shellWord(tenantSlug)}`,
    'subject' in selection
      ? `--subject ${shellWord(`${selection.subject.type}:${selection.subject.id}`)}`
      : `--from ${selection.from} --to ${selection.to}`,
    `--out ${shellWord(outDir)}`,
  ].join(' ');
}

const isUnfinished = (e: AuditExportDto): boolean => e.status === 'queued' || e.status === 'running';

const STATUS_COLORS: Record<AuditExportDto['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
};

function selectionText(selection: AuditExportDto['selection']): string {
  if (selection.subject) return `${selection.subject.type}:${selection.subject.id}`;
  return `entries ${String(selection.from ?? '?')} to ${String(selection.to ?? '?')} (exclusive)`;
}

function percentOf({ done, total }: AuditExportDto['progress'], status: AuditExportDto['status']): number {
  if (status === 'succeeded') return 100;
  if (total === null || total === 0) return 0;
  return Math.floor((done * 100) / total);
}

const columns: TableColumnsType<AuditExportDto> = [
  {
    key: 'createdAt',
    title: 'Requested',
    dataIndex: 'createdAt',
    width: 190,
    render: (createdAt: string) => new Date(createdAt).toLocaleString(),
  },
  {
    key: 'selection',
    title: 'Selection',
    dataIndex: 'selection',
    render: (selection: AuditExportDto['selection']) => (
      <Typography.Text ellipsis style={{ maxWidth: 360 }}>
        {selectionText(selection)}
      </Typography.Text>
    ),
  },
  {
    key: 'status',
    title: 'Status',
    width: 110,
    render: (_: unknown, record: AuditExportDto) => (
      <Tag color={STATUS_COLORS[record.status]} data-testid="audit-export-status">
        {record.status}
      </Tag>
    ),
  },
  {
    key: 'progress',
    title: 'Progress',
    width: 260,
    render: (_: unknown, record: AuditExportDto) => (
      <Flex vertical gap={2}>
        <Progress
          percent={percentOf(record.progress, record.status)}
          size="small"
          status={record.status === 'failed' ? 'exception' : record.status === 'succeeded' ? 'success' : 'active'}
          aria-label={`Progress of export ${record.id}`}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {record.progress.total === null
            ? 'waiting for the worker'
            : `${String(record.progress.done)} of ${String(record.progress.total)} entries`}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    key: 'result',
    title: 'Pack',
    render: (_: unknown, record: AuditExportDto) => {
      if (record.status === 'failed') return <Typography.Text type="danger">{record.error}</Typography.Text>;
      if (record.status !== 'succeeded') return null;
      return (
        <Flex vertical gap={2}>
          <Typography.Link
            href={`/v1/audit/exports/${record.id}/download`}
            download
            data-testid="audit-export-download"
          >
            <DownloadOutlined /> Download .tar.gz ({((record.size ?? 0) / 1024).toFixed(1)} KiB)
          </Typography.Link>
          {record.sha256 !== null && (
            <Typography.Text code copyable={{ text: record.sha256 }} style={{ fontSize: 11 }}>
              SHA-256 {record.sha256.slice(0, 16)}…
            </Typography.Text>
          )}
        </Flex>
      );
    },
  },
];

/**
 * Evidence packs of the tenant's log: the form asks the api for a pack (the worker builds it), the list follows each
 * unfinished export every second until it is done and then offers the .tar.gz. The equivalent `verity audit export`
 * command stays on the page for operators who export from a machine with database access.
 */
export function AuditExportPanel({ tenantSlug, subject }: AuditExportPanelProps) {
  const [form, setForm] = useState<ExportForm>({ kind: 'subject' });
  const [exports, setExports] = useState<AuditExportDto[]>([]);
  const [listProblem, setListProblem] = useState<ApiProblem | undefined>();
  const [createProblem, setCreateProblem] = useState<ApiProblem | undefined>();
  const [creating, setCreating] = useState(false);

  const subjectType = form.type ?? subject?.type ?? '';
  const subjectId = form.id ?? subject?.id ?? '';
  const bySubject = form.kind === 'subject';
  const ready = bySubject ? subjectType !== '' && subjectId !== '' : form.from !== undefined && form.to !== undefined;
  const defaultOut = bySubject
    ? subjectType && subjectId
      ? `./evidence-${subjectType}-${subjectId}`
      : './evidence'
    : `./evidence-${String(form.from ?? 'from')}-${String(form.to ?? 'to')}`;
  const outDir = form.out ?? defaultOut;
  const command = exportCommand(
    tenantSlug,
    bySubject
      ? { subject: { type: subjectType || '<type>', id: subjectId || '<id>' } }
      : {
          from: form.from === undefined ? '<from>' : String(form.from),
          to: form.to === undefined ? '<to>' : String(form.to),
        },
    outDir,
  );

  const loadList = useCallback(async (signal?: AbortSignal) => {
    const result = await callApi(() =>
      api.GET('/v1/audit/exports', { params: { query: { limit: LIST_LIMIT } }, signal }),
    );
    if (signal?.aborted) return;
    if (result.ok) {
      setExports(result.data.exports);
      setListProblem(undefined);
    } else setListProblem(result.problem);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void loadList(controller.signal);
    return () => {
      controller.abort();
    };
  }, [loadList]);

  // While an export is queued or running, ask for it again every second; stop when all are finished.
  const unfinished = exports.filter(isUnfinished).map((e) => e.id);
  const unfinishedKey = unfinished.join(',');
  useEffect(() => {
    if (unfinishedKey === '') return undefined;
    const ids = unfinishedKey.split(',');
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void Promise.all(
        ids.map((id) =>
          callApi(() => api.GET('/v1/audit/exports/{id}', { params: { path: { id } }, signal: controller.signal })),
        ),
      ).then((results) => {
        if (controller.signal.aborted) return;
        const fresh = new Map(results.flatMap((r) => (r.ok ? [[r.data.id, r.data] as const] : [])));
        // Always a new array, even when nothing changed, so that this effect runs again and schedules the next poll.
        setExports((previous) => previous.map((e) => fresh.get(e.id) ?? e));
      });
    }, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [unfinishedKey, exports]);

  async function create() {
    const body: CreateAuditExportDto = bySubject
      ? { subject: { type: subjectType.trim(), id: subjectId.trim() } }
      : { from: form.from, to: form.to };
    setCreating(true);
    setCreateProblem(undefined);
    const result = await callApi(() => api.POST('/v1/audit/exports', { body }));
    setCreating(false);
    if (!result.ok) {
      setCreateProblem(result.problem);
      return;
    }
    await loadList();
  }

  const update = (changes: Partial<ExportForm>) => {
    setForm((previous) => ({ ...previous, ...changes }));
  };

  return (
    <Card title="Export evidence pack" size="small">
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ margin: 0 }}>
          An evidence pack holds the selected entries, an inclusion proof for each (C2SP tlog-proof), the signed
          checkpoint with its cosignatures and anchor receipts, the verifier keys, and a <code>verify.html</code> page
          that checks all of it in a browser with no network. The worker builds it; download the <code>.tar.gz</code>{' '}
          when it is done, extract it, and open <code>verify.html</code> or run <code>verity verify-pack</code>.
        </Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 8 }} onFinish={() => void create()}>
          <Form.Item label="Select">
            <Radio.Group
              value={form.kind}
              optionType="button"
              options={[
                { value: 'subject', label: 'Data subject' },
                { value: 'range', label: 'Index range' },
              ]}
              onChange={(event) => {
                update({ kind: event.target.value as SelectionKind, out: undefined });
              }}
            />
          </Form.Item>
          {bySubject ? (
            <>
              <Form.Item label="Subject type" htmlFor="audit-export-subject-type">
                <Input
                  id="audit-export-subject-type"
                  value={subjectType}
                  placeholder="customer"
                  style={{ width: 140 }}
                  onChange={(event) => {
                    update({ type: event.target.value });
                  }}
                />
              </Form.Item>
              <Form.Item label="Subject id" htmlFor="audit-export-subject-id">
                <Input
                  id="audit-export-subject-id"
                  value={subjectId}
                  placeholder="id"
                  style={{ width: 280 }}
                  onChange={(event) => {
                    update({ id: event.target.value });
                  }}
                />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item label="From index" htmlFor="audit-export-from">
                <InputNumber
                  id="audit-export-from"
                  min={0}
                  precision={0}
                  value={form.from}
                  style={{ width: 120 }}
                  onChange={(value) => {
                    update({ from: value ?? undefined });
                  }}
                />
              </Form.Item>
              <Form.Item label="To index (exclusive)" htmlFor="audit-export-to">
                <InputNumber
                  id="audit-export-to"
                  min={1}
                  precision={0}
                  value={form.to}
                  style={{ width: 120 }}
                  onChange={(value) => {
                    update({ to: value ?? undefined });
                  }}
                />
              </Form.Item>
            </>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={creating} disabled={!ready}>
              Create evidence pack
            </Button>
          </Form.Item>
        </Form>
        {createProblem !== undefined && <ProblemAlert problem={createProblem} />}
        {listProblem !== undefined && <ProblemAlert problem={listProblem} />}
        <Table<AuditExportDto>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={exports}
          pagination={false}
          locale={{ emptyText: 'No evidence pack has been requested yet' }}
        />
        <Typography.Text strong>From the command line</Typography.Text>
        <Typography.Paragraph style={{ margin: 0 }}>
          The same pack, written by the <code>verity</code> tool on a machine that can reach the database:
        </Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label="Output directory" htmlFor="audit-export-out">
            <Input
              id="audit-export-out"
              value={outDir}
              style={{ width: 280 }}
              onChange={(event) => {
                update({ out: event.target.value });
              }}
            />
          </Form.Item>
        </Form>
        <Typography.Paragraph
          code
          copyable={ready ? { text: command } : false}
          data-testid="audit-export-command"
          style={{ margin: 0, wordBreak: 'break-all' }}
        >
          {command}
        </Typography.Paragraph>
        {!ready && (
          <Typography.Text type="secondary">
            Open an entry or fill in a subject (or an index range) to complete the request and the command.
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          Then open <code>verify.html</code> from the pack in any browser, or run{' '}
          <code>verity verify-pack {shellWord(outDir)}</code>.
        </Typography.Text>
      </Flex>
    </Card>
  );
}
