import { Button, Card, Flex, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { ScreeningImportForm } from './screening-import.form';
import { LIST_SOURCE_LABELS, type ListDeltaDto, type ListVersionDto, type ScreeningListDto } from './screening.dto';

const STATUS_COLORS: Record<string, string> = {
  importing: 'processing',
  active: 'green',
  failed: 'red',
  superseded: 'default',
};

/** While a version imports (or re-screens), the tab polls this often. */
const POLL_MS = 2_000;

function VersionProgress({ version }: { version: ListVersionDto }) {
  if (version.status === 'importing') {
    return <Progress percent={version.progress} size="small" status="active" format={() => version.stage} />;
  }
  if (version.status === 'failed') return <Typography.Text type="danger">{version.error}</Typography.Text>;
  if (version.rescreenStatus === 'running' || version.rescreenStatus === 'queued') {
    return (
      <Progress percent={version.rescreenProgress ?? 0} size="small" status="active" format={() => 're-screening'} />
    );
  }
  return null;
}

function DeltaModal({
  list,
  version,
  onClose,
}: {
  list: ScreeningListDto;
  version?: ListVersionDto;
  onClose: () => void;
}) {
  const [deltas, setDeltas] = useState<ListDeltaDto[]>([]);
  const [change, setChange] = useState<'added' | 'removed' | 'changed' | undefined>();
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    if (version === undefined) return;
    void callApi(() =>
      api.GET('/v1/screening/lists/{id}/versions/{number}/delta', {
        params: { path: { id: list.id, number: version.number }, query: { change, limit: 1000 } },
      }),
    ).then((result) => {
      if (result.ok) setDeltas(result.data.deltas);
      else setProblem(result.problem);
    });
  }, [list.id, version, change]);
  return (
    <Modal
      open={version !== undefined}
      onCancel={onClose}
      footer={null}
      width={800}
      title={`${LIST_SOURCE_LABELS[list.source]} version ${version?.number ?? ''}: changes`}
    >
      <Flex vertical gap="small">
        <Select
          aria-label="Change"
          allowClear
          placeholder="Every change"
          style={{ width: 200 }}
          value={change}
          onChange={setChange}
          options={[
            { value: 'added', label: `Added (${version?.addedCount ?? 0})` },
            { value: 'removed', label: `Removed (${version?.removedCount ?? 0})` },
            { value: 'changed', label: `Changed (${version?.changedCount ?? 0})` },
          ]}
        />
        {problem !== undefined && <ProblemAlert problem={problem} />}
        <Table<ListDeltaDto>
          rowKey={(d) => `${d.change}:${d.externalId}`}
          size="small"
          aria-label="Delta"
          dataSource={deltas}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: 'Change', dataIndex: 'change', render: (c: string) => <Tag>{c}</Tag> },
            { title: 'Id', dataIndex: 'externalId' },
            { title: 'Name', dataIndex: 'name' },
          ]}
        />
      </Flex>
    </Modal>
  );
}

function VersionsCard({ list, reloads }: { list: ScreeningListDto; reloads: number }) {
  const [versions, setVersions] = useState<ListVersionDto[]>([]);
  const [delta, setDelta] = useState<ListVersionDto>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    void callApi(() => api.GET('/v1/screening/lists/{id}/versions', { params: { path: { id: list.id } } })).then(
      (result) => {
        if (result.ok) setVersions(result.data.versions);
      },
    );
  }, [list.id, reloads, tick]);
  const busy = versions.some(
    (v) => v.status === 'importing' || v.rescreenStatus === 'queued' || v.rescreenStatus === 'running',
  );
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => {
      setTick((n) => n + 1);
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [busy, tick]);
  const columns: TableColumnsType<ListVersionDto> = [
    { title: 'Version', dataIndex: 'number' },
    {
      title: 'Status',
      dataIndex: 'status',
      render: (status: string) => <Tag color={STATUS_COLORS[status]}>{status}</Tag>,
    },
    { title: 'Entries', dataIndex: 'entryCount', render: (n: number | null) => n ?? '—' },
    {
      title: 'Delta',
      key: 'delta',
      render: (_, v) =>
        v.status === 'failed' || v.addedCount === null ? (
          '—'
        ) : (
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => {
              setDelta(v);
            }}
          >
            +{v.addedCount} −{v.removedCount} ~{v.changedCount}
          </Button>
        ),
    },
    { title: 'Progress', key: 'progress', render: (_, v) => <VersionProgress version={v} /> },
    { title: 'Imported', dataIndex: 'createdAt', render: (iso: string) => new Date(iso).toLocaleString() },
  ];
  return (
    <Card size="small" title={`${LIST_SOURCE_LABELS[list.source]} — ${list.name}`}>
      <Table<ListVersionDto>
        rowKey="id"
        size="small"
        aria-label={`${LIST_SOURCE_LABELS[list.source]} versions`}
        columns={columns}
        dataSource={versions}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
      />
      <DeltaModal
        list={list}
        version={delta}
        onClose={() => {
          setDelta(undefined);
        }}
      />
    </Card>
  );
}

/** The tenant's lists: their versions with import progress and deltas, and the import form. */
export function ScreeningListsTab() {
  const session = useSession();
  const canImport = rolesGrant(session.user.roles, 'screening:lists');
  const [lists, setLists] = useState<ScreeningListDto[]>([]);
  const [problem, setProblem] = useState<ApiProblem>();
  const [reloads, setReloads] = useState(0);

  const load = useCallback(async () => {
    const result = await callApi(() => api.GET('/v1/screening/lists'));
    if (result.ok) {
      setLists(result.data.lists);
      setProblem(undefined);
    } else setProblem(result.problem);
  }, []);

  useEffect(() => {
    void load();
  }, [load, reloads]);

  return (
    <Flex vertical gap="middle">
      {canImport && (
        <Card size="small" title="Import a list">
          <ScreeningImportForm
            onImported={() => {
              setReloads((n) => n + 1);
            }}
          />
        </Card>
      )}
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {lists.length === 0 && <Typography.Text type="secondary">No list imported yet.</Typography.Text>}
      {lists.map((list) => (
        <VersionsCard key={list.id} list={list} reloads={reloads} />
      ))}
    </Flex>
  );
}
