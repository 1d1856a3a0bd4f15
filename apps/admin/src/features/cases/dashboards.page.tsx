import { useCallback, useEffect, useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { GetProps } from 'antd';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { getJson } from '../queues/queues.api';
import type { QueueDto } from '../queues/queues.dto';
import { LabelledBars, StackedDailyBars } from './dashboards.charts';
import type { AlertDashboardDto } from './investigation/investigation.dto';
import { formatMinutes } from './investigation/investigation.format';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

/** Alert and case dashboards: volumes, SLA breaches, false positives, speed, analyst throughput, cases. */
export function CaseDashboardsPage() {
  const [range, setRange] = useState<RangeValue>(null);
  const [queueId, setQueueId] = useState<string>();
  const [queues, setQueues] = useState<QueueDto[]>([]);
  const [data, setData] = useState<AlertDashboardDto>();
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    void getJson<QueueDto[]>('/v1/alert-queues').then((result) => {
      if (result.ok) setQueues(result.data);
    });
  }, []);

  const load = useCallback(async () => {
    const result = await getJson<AlertDashboardDto>('/v1/dashboards/alerts', {
      from: range?.[0]?.toISOString(),
      to: range?.[1]?.toISOString(),
      queueId,
    });
    if (result.ok) {
      setData(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, [range, queueId]);

  useEffect(() => {
    void load();
  }, [load]);

  const totalAlerts = data?.volumesByType.reduce((s, t) => s + t.total, 0) ?? 0;
  const totalBreaches = data?.slaBreachesPerDay.reduce((s, d) => s + d.count, 0) ?? 0;
  const overallFp = data?.falsePositiveRates.find((r) => r.type === 'all');

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Alert and case dashboards
        </Typography.Title>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="Window"
            value={range}
            onChange={(value) => setRange(value)}
            allowEmpty={[true, true]}
          />
          <Select
            aria-label="Queue"
            allowClear
            placeholder="All queues"
            style={{ width: 220 }}
            value={queueId}
            onChange={(value: string | undefined) => setQueueId(value)}
            options={queues.map((q) => ({ value: q.id, label: q.name }))}
          />
        </Space>
      </Flex>
      {problem && <ProblemAlert problem={problem} />}
      {!data && !problem && <Spin />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {new Date(data.from).toLocaleDateString()} – {new Date(data.to).toLocaleDateString()} (UTC days)
          </Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="Alerts raised" value={totalAlerts} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="SLA breaches" value={totalBreaches} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="False-positive rate"
                  value={
                    overallFp?.rate === null || overallFp === undefined ? '—' : `${(overallFp.rate * 100).toFixed(1)} %`
                  }
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="Reports overdue" value={data.casesByReportDue.overdue} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title="Alerts per day by type">
                <StackedDailyBars
                  days={data.days}
                  series={data.volumesByType.map((s) => ({ key: s.type, name: s.type, perDay: s.perDay }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="Alerts per day by queue">
                <StackedDailyBars
                  days={data.days}
                  series={data.volumesByQueue.map((s) => ({ key: s.queueId, name: s.queueName, perDay: s.perDay }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="SLA breaches per day by queue">
                <StackedDailyBars
                  days={data.days}
                  series={data.slaBreachesByQueue.map((s) => ({ key: s.queueId, name: s.queueName, perDay: s.perDay }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="False-positive rate by type (of disposed alerts)">
                <LabelledBars
                  unit="%"
                  data={data.falsePositiveRates.map((r) => ({
                    label: r.type,
                    rate: r.rate === null ? null : Math.round(r.rate * 1000) / 10,
                  }))}
                  measures={[{ key: 'rate', name: 'false positives' }]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="Time to disposition (minutes)">
                <LabelledBars
                  data={data.timeToDisposition.map((t) => ({
                    label: t.type,
                    median: t.medianMinutes,
                    p90: t.p90Minutes,
                  }))}
                  measures={[
                    { key: 'median', name: 'median' },
                    { key: 'p90', name: 'p90' },
                  ]}
                />
                <Table
                  rowKey="type"
                  size="small"
                  pagination={false}
                  dataSource={data.timeToDisposition}
                  columns={[
                    { title: 'Type', key: 'type', render: (_, t) => t.type },
                    { title: 'Disposed', key: 'disposed', align: 'right', render: (_, t) => t.disposed },
                    {
                      title: 'Median',
                      key: 'median',
                      align: 'right',
                      render: (_, t) => formatMinutes(t.medianMinutes),
                    },
                    { title: 'p90', key: 'p90', align: 'right', render: (_, t) => formatMinutes(t.p90Minutes) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="Dispositions per analyst per day">
                <StackedDailyBars
                  days={data.days}
                  series={data.analystThroughput.map((a) => ({
                    key: a.analystId,
                    name: a.displayName,
                    perDay: a.perDay,
                  }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="Cases by status">
                <LabelledBars
                  data={data.casesByStatus.map((c) => ({ label: c.status.replace('_', ' '), count: c.count }))}
                  measures={[{ key: 'count', name: 'cases' }]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="Cases by report due date">
                <LabelledBars
                  data={[
                    { label: 'overdue', count: data.casesByReportDue.overdue },
                    { label: '≤ 7 days', count: data.casesByReportDue.within7Days },
                    { label: '≤ 30 days', count: data.casesByReportDue.within30Days },
                    { label: 'later', count: data.casesByReportDue.later },
                  ]}
                  measures={[{ key: 'count', name: 'cases' }]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}
