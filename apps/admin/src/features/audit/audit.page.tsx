import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { AuditEntryDto, AuditSearchPageDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { AuditCheckpointCard } from './audit-checkpoint.card';
import { useLatestCheckpoint } from './audit-checkpoint.state';
import { AuditEntriesTable } from './audit-entries.table';
import { AuditEntryDrawer } from './audit-entry.drawer';
import { AuditExportPanel } from './audit-export.panel';
import { AuditHistoryTab } from './audit-history.tab';
import { AuditSearchForm } from './audit-search.form';
import type { AuditSearchFilter } from './audit-search.form';

const PAGE_SIZE = 50;

interface SearchState {
  loading: boolean;
  filter: AuditSearchFilter;
  entries: AuditEntryDto[];
  nextCursor: number | null;
  problem?: ApiProblem;
}

function fetchPage(filter: AuditSearchFilter, cursor: number | undefined, signal?: AbortSignal) {
  return callApi<AuditSearchPageDto>(() =>
    api.GET('/v1/audit/search', { params: { query: { ...filter, limit: PAGE_SIZE, cursor } }, signal }),
  );
}

/** The audit explorer: the signed checkpoint, entries searched and proven in the browser, history and exports. */
export function AuditPage() {
  const session = useSession();
  const checkpoint = useLatestCheckpoint();
  const [search, setSearch] = useState<SearchState>({ loading: true, filter: {}, entries: [], nextCursor: null });
  // A new object per search, so that searching again with the same filter still reloads.
  const [request, setRequest] = useState<{ filter: AuditSearchFilter }>({ filter: {} });
  const [opened, setOpened] = useState<AuditEntryDto | undefined>();
  // The subject last looked at (an opened entry's, or a searched one), kept after the drawer closes for the export.
  const [exportSubject, setExportSubject] = useState<{ type: string; id: string } | undefined>();

  const openEntry = useCallback((entry: AuditEntryDto) => {
    setOpened(entry);
    setExportSubject(entry.subject);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void fetchPage(request.filter, undefined, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setSearch((previous) =>
        result.ok
          ? { ...previous, loading: false, entries: result.data.entries, nextCursor: result.data.nextCursor }
          : { ...previous, loading: false, entries: [], nextCursor: null, problem: result.problem },
      );
    });
    return () => {
      controller.abort();
    };
  }, [request]);

  const runSearch = useCallback((filter: AuditSearchFilter) => {
    if (filter.subjectType !== undefined && filter.subjectId !== undefined) {
      setExportSubject({ type: filter.subjectType, id: filter.subjectId });
    }
    setSearch({ loading: true, filter, entries: [], nextCursor: null });
    setRequest({ filter });
  }, []);

  async function loadMore() {
    if (search.nextCursor === null) return;
    setSearch((previous) => ({ ...previous, loading: true }));
    const result = await fetchPage(search.filter, search.nextCursor);
    setSearch((previous) =>
      result.ok
        ? {
            ...previous,
            loading: false,
            entries: [...previous.entries, ...result.data.entries],
            nextCursor: result.data.nextCursor,
          }
        : { ...previous, loading: false, problem: result.problem },
    );
  }

  function refresh() {
    checkpoint.reload();
    runSearch(search.filter);
  }

  const verified = checkpoint.verification?.ok === true ? checkpoint.verification.checkpoint : undefined;

  return (
    <Flex vertical gap="middle">
      <title>Audit trail · Verity</title>
      <Flex align="center" justify="space-between" wrap gap="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          Audit trail
        </Typography.Title>
        <Button icon={<ReloadOutlined />} loading={checkpoint.loading || search.loading} onClick={refresh}>
          Refresh
        </Button>
      </Flex>
      <AuditCheckpointCard checkpoint={checkpoint} onVerify={checkpoint.reload} />
      <Tabs
        items={[
          {
            key: 'entries',
            label: 'Entries',
            children: (
              <Card size="small">
                <Flex vertical gap="middle">
                  <AuditSearchForm loading={search.loading} onSearch={runSearch} />
                  {search.problem !== undefined && <ProblemAlert problem={search.problem} />}
                  <AuditEntriesTable entries={search.entries} loading={search.loading} onOpen={openEntry} />
                  {search.nextCursor !== null && (
                    <Button loading={search.loading} onClick={() => void loadMore()} style={{ alignSelf: 'center' }}>
                      Load older entries
                    </Button>
                  )}
                </Flex>
              </Card>
            ),
          },
          { key: 'history', label: 'Checkpoints and anchors', children: <AuditHistoryTab refreshKey={request} /> },
          {
            key: 'export',
            label: 'Evidence export',
            children: (
              <AuditExportPanel
                key={exportSubject === undefined ? '' : `${exportSubject.type}:${exportSubject.id}`}
                tenantSlug={session.tenant.slug}
                subject={exportSubject}
              />
            ),
          },
        ]}
      />
      <AuditEntryDrawer
        entry={opened}
        checkpoint={verified}
        onClose={() => {
          setOpened(undefined);
        }}
      />
    </Flex>
  );
}
