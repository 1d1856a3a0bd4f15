import { Button, Flex, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { ScreeningHitDrawer } from './screening-hit.drawer';
import { HitStatusTag } from './screening-hit-status.tag';
import { LIST_SOURCE_LABELS, scoreText, type ListSource, type ScreeningHitViewDto } from './screening.dto';

type StatusFilter = 'open' | 'true_match' | 'false_positive';

/** The hits queue: open hits first (best score first), opened side by side for adjudication. */
export function ScreeningHitsTab() {
  const [status, setStatus] = useState<StatusFilter>('open');
  const [hits, setHits] = useState<ScreeningHitViewDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [openId, setOpenId] = useState<string>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    void callApi(() =>
      api.GET('/v1/screening/hits', { params: { query: { status } }, signal: controller.signal }),
    ).then((result) => {
      if (controller.signal.aborted) return;
      setLoading(false);
      if (result.ok) {
        setHits(result.data.hits);
        setProblem(undefined);
      } else setProblem(result.problem);
    });
    return () => {
      controller.abort();
    };
  }, [status, reloads]);

  const columns: TableColumnsType<ScreeningHitViewDto> = [
    {
      title: 'Subject',
      key: 'subject',
      render: (_, hit) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => {
            setOpenId(hit.id);
          }}
        >
          {hit.subjectKind} {hit.subjectId}
        </Button>
      ),
    },
    { title: 'Matched', dataIndex: 'matchedName' },
    { title: 'Entry', dataIndex: 'entryName' },
    {
      title: 'List',
      dataIndex: 'listSource',
      render: (source: string) => LIST_SOURCE_LABELS[source as ListSource] ?? source,
    },
    { title: 'Score', dataIndex: 'score', render: (score: number) => scoreText(score) },
    { title: 'Status', dataIndex: 'status', render: (s: string) => <HitStatusTag status={s} /> },
    { title: 'Found', dataIndex: 'createdAt', render: (iso: string) => new Date(iso).toLocaleString() },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex gap="small" align="center">
        <Select<StatusFilter>
          aria-label="Hit status"
          value={status}
          style={{ width: 180 }}
          onChange={setStatus}
          options={[
            { value: 'open', label: 'Open' },
            { value: 'true_match', label: 'True matches' },
            { value: 'false_positive', label: 'False positives' },
          ]}
        />
      </Flex>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Table<ScreeningHitViewDto>
        rowKey="id"
        size="small"
        aria-label="Screening hits"
        loading={loading}
        columns={columns}
        dataSource={hits}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
      <ScreeningHitDrawer
        hitId={openId}
        onClose={() => {
          setOpenId(undefined);
        }}
        onDecided={() => {
          setReloads((n) => n + 1);
        }}
      />
    </Flex>
  );
}
