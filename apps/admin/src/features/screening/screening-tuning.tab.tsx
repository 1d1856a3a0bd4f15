import { Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { LIST_SOURCE_LABELS, type ListSource, type ListTuningDto } from './screening.dto';

function TuningCard({ tuning }: { tuning: ListTuningDto }) {
  const label =
    tuning.listSource === 'all'
      ? 'All lists'
      : (LIST_SOURCE_LABELS[tuning.listSource as ListSource] ?? tuning.listSource);
  const data = tuning.points.map((p) => ({
    threshold: p.threshold,
    precision: p.precision,
    recall: p.recall,
    f1: p.f1,
  }));
  return (
    <Card size="small" title={label}>
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title="Adjudicated" value={tuning.adjudicated} />
        </Col>
        <Col span={6}>
          <Statistic title="True matches" value={tuning.trueMatches} />
        </Col>
        <Col span={6}>
          <Statistic title="False positives" value={tuning.falsePositives} />
        </Col>
        <Col span={6}>
          <Statistic title="Suggested threshold" value={tuning.suggestedThreshold ?? '—'} />
        </Col>
      </Row>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="threshold" type="number" domain={[0.5, 1]} ticks={data.map((d) => d.threshold)} />
            <YAxis domain={[0, 1]} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="precision" stroke="#1677ff" connectNulls />
            <Line type="monotone" dataKey="recall" stroke="#52c41a" connectNulls />
            <Line type="monotone" dataKey="f1" name="F1" stroke="#fa8c16" connectNulls />
            {tuning.suggestedThreshold !== null && (
              <ReferenceLine x={tuning.suggestedThreshold} stroke="#cf1322" label="suggested" />
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

/** Precision and recall per threshold and per list, from analysts' decisions. */
export function ScreeningTuningTab() {
  const [lists, setLists] = useState<ListTuningDto[]>();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    void callApi(() => api.GET('/v1/screening/tuning')).then((result) => {
      if (result.ok) {
        setLists(result.data.lists);
        setNote(result.data.note);
      } else setProblem(result.problem);
    });
  }, []);
  return (
    <Flex vertical gap="middle">
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Typography.Text type="secondary">{note}</Typography.Text>
      {lists !== undefined && lists.every((l) => l.adjudicated === 0) && (
        <Empty description="No adjudicated hit yet: decide some hits to see the report." />
      )}
      {lists
        ?.filter((l) => l.adjudicated > 0)
        .map((l) => (
          <TuningCard key={l.listSource} tuning={l} />
        ))}
    </Flex>
  );
}
