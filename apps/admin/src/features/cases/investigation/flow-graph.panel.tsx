import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Flex, InputNumber, Space, Spin, Table, Typography } from 'antd';
import type { GetProps } from 'antd';
import { api, problemFromException, problemFromResponse, ProblemAlert, type ApiProblem } from '../investigation.shared';
import { getJson, segment, type QueryValues } from '../../queues/queues.api';
import type { FlowGraphDto, FlowSubjectType } from './investigation.dto';
import { formatMinor } from './investigation.format';

interface FlowGraphPanelProps {
  subjectType: FlowSubjectType;
  subjectId: string;
  /** When given, the graph is the case's (around all its subjects and transactions). */
  caseId?: string;
}

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

interface BlobClient {
  GET(
    url: string,
    init: { params: { query?: QueryValues }; parseAs: 'blob' },
  ): Promise<{ data?: Blob; error?: unknown; response: Response }>;
}

/** The picture as a data: URL (the page's CSP allows data: images; an <img> never runs script inside an SVG). */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the picture'));
    reader.readAsDataURL(blob);
  });
}

/** The money-flow graph around a subject (or a case) as a picture, with hop and window controls and the edge list. */
export function FlowGraphPanel({ subjectType, subjectId, caseId }: FlowGraphPanelProps) {
  const [hops, setHops] = useState(2);
  const [range, setRange] = useState<RangeValue>(null);
  const [picture, setPicture] = useState<string>();
  const [graph, setGraph] = useState<FlowGraphDto>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const base = caseId !== undefined ? `/v1/cases/${segment(caseId)}/flow-graph` : '/v1/investigations/flow-graph';
    const query: QueryValues = {
      hops,
      from: range?.[0]?.toISOString(),
      to: range?.[1]?.toISOString(),
      ...(caseId === undefined ? { subjectType, subjectId } : {}),
    };
    const cleaned: QueryValues = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    const [json, svg] = await Promise.all([
      getJson<FlowGraphDto>(base, cleaned),
      (async () => {
        try {
          const { data, error, response } = await (api as unknown as BlobClient).GET(`${base}.svg`, {
            params: { query: cleaned },
            parseAs: 'blob',
          });
          if (response.ok && data) return { ok: true as const, url: await dataUrlOf(data) };
          return { ok: false as const, problem: problemFromResponse(error, response) };
        } catch (exception) {
          return { ok: false as const, problem: problemFromException(exception) };
        }
      })(),
    ]);
    setLoading(false);
    if (!json.ok) {
      setProblem(json.problem);
      return;
    }
    if (!svg.ok) {
      setProblem(svg.problem);
      return;
    }
    setProblem(undefined);
    setGraph(json.data);
    setPicture(svg.url);
  }, [caseId, hops, range, subjectId, subjectType]);

  useEffect(() => {
    void load();
  }, [load]);

  const labelOf = (id: string): string => graph?.nodes.find((n) => n.id === id)?.label ?? id;

  return (
    <Flex vertical gap="small" data-testid="flow-graph">
      <Space wrap>
        <span>Hops</span>
        <InputNumber
          aria-label="Hops"
          min={1}
          max={3}
          value={hops}
          onChange={(value) => setHops(typeof value === 'number' ? value : 2)}
        />
        <DatePicker.RangePicker
          aria-label="Window"
          showTime
          value={range}
          onChange={(value) => setRange(value)}
          allowEmpty={[true, true]}
        />
        <Button onClick={() => void load()} loading={loading}>
          Refresh
        </Button>
      </Space>
      {problem && <ProblemAlert problem={problem} />}
      {graph?.truncated && (
        <Alert
          type="warning"
          showIcon
          title={`Only the largest flows are shown: the graph is capped at ${String(graph.nodeCap)} nodes.`}
        />
      )}
      {!picture && !problem && <Spin />}
      {picture && graph && (
        <>
          <Typography.Text type="secondary">
            {String(graph.nodes.length)} nodes, {String(graph.edges.length)} flows, booked{' '}
            {new Date(graph.from).toLocaleDateString()} – {new Date(graph.to).toLocaleDateString()}
          </Typography.Text>
          <div style={{ overflow: 'auto', maxHeight: 720, border: '1px solid #f0f0f0' }}>
            <img src={picture} alt="Money-flow graph" style={{ maxWidth: '100%' }} />
          </div>
          <Table
            rowKey={(e) => `${e.from}>${e.to}>${e.currency}`}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={graph.edges}
            columns={[
              { title: 'From', key: 'from', render: (_, e) => labelOf(e.from) },
              { title: 'To', key: 'to', render: (_, e) => labelOf(e.to) },
              { title: 'Payments', key: 'count', align: 'right', render: (_, e) => e.count },
              {
                title: 'Total',
                key: 'total',
                align: 'right',
                render: (_, e) => formatMinor(e.totalMinor, e.currency),
              },
              {
                title: 'Period',
                key: 'period',
                render: (_, e) =>
                  `${new Date(e.firstAt).toLocaleDateString()} – ${new Date(e.lastAt).toLocaleDateString()}`,
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
