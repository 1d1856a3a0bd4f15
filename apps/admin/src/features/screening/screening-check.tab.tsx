import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { LIST_SOURCE_LABELS, scoreText, type CheckHitDto, type ListSource } from './screening.dto';

interface CheckForm {
  name: string;
  entityType?: 'individual' | 'organisation' | 'vessel' | 'unknown';
  dateOfBirth?: string;
  country?: string;
}

/** Screens one name on demand (nothing is stored) and shows the hits with their explanation. */
export function ScreeningCheckTab() {
  const [form] = Form.useForm<CheckForm>();
  const [hits, setHits] = useState<CheckHitDto[]>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  async function check(values: CheckForm) {
    setBusy(true);
    setProblem(undefined);
    const result = await callApi(() =>
      api.POST('/v1/screening/check', {
        body: {
          name: values.name,
          entityType: values.entityType,
          dateOfBirth: values.dateOfBirth?.trim() || undefined,
          country: values.country?.trim().toUpperCase() || undefined,
        },
      }),
    );
    setBusy(false);
    if (result.ok) setHits(result.data.hits);
    else {
      setHits(undefined);
      setProblem(result.problem);
    }
  }

  return (
    <Flex vertical gap="middle">
      <Form<CheckForm>
        form={form}
        layout="inline"
        aria-label="Check a name"
        onFinish={(values) => {
          void check(values);
        }}
      >
        <Form.Item name="name" rules={[{ required: true, message: 'Enter a name' }]}>
          <Input aria-label="Name" placeholder="Name" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="entityType">
          <Select
            aria-label="Entity type"
            placeholder="Entity type"
            allowClear
            style={{ width: 150 }}
            options={['individual', 'organisation', 'vessel', 'unknown'].map((v) => ({ value: v, label: v }))}
          />
        </Form.Item>
        <Form.Item name="dateOfBirth">
          <Input aria-label="Date of birth" placeholder="YYYY or YYYY-MM-DD" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="country">
          <Input aria-label="Country" placeholder="Country (IR)" style={{ width: 120 }} maxLength={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy}>
          Check
        </Button>
      </Form>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {hits !== undefined && (
        <Table<CheckHitDto>
          rowKey={(h) => `${h.listSource}:${h.entryExternalId}`}
          size="small"
          aria-label="Check hits"
          dataSource={hits}
          pagination={false}
          locale={{ emptyText: 'No hit above the threshold' }}
          columns={[
            { title: 'Score', dataIndex: 'score', render: (s: number) => scoreText(s) },
            { title: 'Entry', dataIndex: 'entryName' },
            { title: 'Matched', dataIndex: 'matchedName' },
            {
              title: 'List',
              dataIndex: 'listSource',
              render: (s: string) => LIST_SOURCE_LABELS[s as ListSource] ?? s,
            },
            { title: 'Id', dataIndex: 'entryExternalId' },
            {
              title: 'Why',
              dataIndex: 'explanation',
              render: (lines: string[]) => (
                <Typography.Text style={{ whiteSpace: 'pre-line' }}>{lines.join('\n')}</Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
