import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Statistic, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { OverviewDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { formatAge } from './age.format';
import { OverviewQueuesTable } from './overview-queues.table';

interface OverviewState {
  loading: boolean;
  /** Kept while reloading so a refresh does not blank the page. */
  overview?: OverviewDto;
  problem?: ApiProblem;
}

function systemItems(system: OverviewDto['system']): DescriptionsProps['items'] {
  return [
    {
      key: 'database',
      label: 'Database',
      children: <Tag color={system.database === 'up' ? 'success' : 'error'}>{system.database}</Tag>,
    },
    { key: 'queueBackend', label: 'Queue backend', children: <Tag>{system.queueBackend}</Tag> },
    {
      key: 'migrations',
      label: 'Pending migrations',
      children:
        system.migrationsPending === 0 ? (
          <Tag color="success">none</Tag>
        ) : (
          <Tag color="warning">{system.migrationsPending}</Tag>
        ),
    },
    { key: 'version', label: 'Version', children: <Typography.Text code>{system.version}</Typography.Text> },
  ];
}

function OverviewCards({ overview }: { overview: OverviewDto }) {
  const roles = Object.entries(overview.users.byRole).sort(([left], [right]) => left.localeCompare(right));
  return (
    <Flex vertical gap="middle">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Card title="Tenant" style={{ height: '100%' }}>
            <Statistic title="Name" value={overview.tenant.name} />
            <Typography.Text type="secondary">
              Slug <Typography.Text code>{overview.tenant.slug}</Typography.Text>
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="Users" style={{ height: '100%' }}>
            <Statistic title="Total" value={overview.users.total} />
            <Flex wrap gap="small" style={{ marginTop: 8 }}>
              {roles.map(([role, count]) => (
                <Tag key={role} color="blue">
                  {role}: {count}
                </Tag>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="System" style={{ height: '100%' }}>
            <Descriptions column={1} size="small" items={systemItems(overview.system)} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="Outbox" style={{ height: '100%' }}>
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title="Pending events" value={overview.outbox.pending} />
              </Col>
              <Col span={12}>
                <Statistic
                  title="Oldest pending"
                  value={overview.outbox.pending === 0 ? '–' : formatAge(overview.outbox.oldestPendingAgeSeconds)}
                />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card title="Job queues">
        <OverviewQueuesTable queues={overview.queues} />
      </Card>
    </Flex>
  );
}

export function OverviewPage() {
  const [state, setState] = useState<OverviewState>({ loading: true });

  const loadOverview = useCallback(async (signal: AbortSignal) => {
    const result = await callApi(() => api.GET('/v1/overview', { signal }));
    // A response that arrives after the page was left or reloaded again would overwrite newer state.
    if (signal.aborted) return;
    setState((previous) =>
      result.ok
        ? { loading: false, overview: result.data }
        : { loading: false, overview: previous.overview, problem: result.problem },
    );
  }, []);

  const [reloadCount, setReloadCount] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    void loadOverview(controller.signal);
    return () => {
      controller.abort();
    };
  }, [loadOverview, reloadCount]);

  function reload() {
    setState((previous) => ({ ...previous, loading: true }));
    setReloadCount((count) => count + 1);
  }

  return (
    <Flex vertical gap="middle">
      <title>Overview · Verity</title>
      <Flex align="center" justify="space-between" wrap gap="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          Overview
        </Typography.Title>
        <Button icon={<ReloadOutlined />} loading={state.loading} onClick={reload}>
          Refresh
        </Button>
      </Flex>
      {state.problem !== undefined && <ProblemAlert problem={state.problem} />}
      {state.overview !== undefined ? <OverviewCards overview={state.overview} /> : state.loading && <Card loading />}
    </Flex>
  );
}
