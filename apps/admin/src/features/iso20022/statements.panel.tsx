import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { generateStatement, messageXmlUrl } from './iso20022.api';
import type { GeneratedStatementDto, StatementKind } from './iso20022.dto';

interface StatementForm {
  accountId: string;
  from: string;
  to: string;
  kind: StatementKind;
  currency?: string;
}

/** Generate a camt.053 statement or camt.054 notification of an account for a period, then download it. */
export function StatementsPanel({ onGenerated }: { onGenerated: () => void }) {
  const [form] = Form.useForm<StatementForm>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [generated, setGenerated] = useState<GeneratedStatementDto>();

  async function submit(values: StatementForm) {
    setBusy(true);
    const result = await generateStatement({
      accountId: values.accountId.trim(),
      // Whole UTC days: `to` is the day after the last one included.
      from: `${values.from}T00:00:00Z`,
      to: new Date(Date.parse(`${values.to}T00:00:00Z`) + 86_400_000).toISOString(),
      kind: values.kind,
      ...(values.currency ? { currency: values.currency.trim().toUpperCase() } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setGenerated(result.data);
      setProblem(undefined);
      onGenerated();
    } else {
      setProblem(result.problem);
      setGenerated(undefined);
    }
  }

  return (
    <Card title="Statements" size="small">
      <Form
        form={form}
        layout="inline"
        initialValues={{ kind: 'camt.053' }}
        onFinish={(values) => void submit(values)}
        aria-label="Generate a statement"
      >
        <Form.Item name="accountId" label="Account" rules={[{ required: true, message: 'Account id is required' }]}>
          <Input placeholder="IBAN or account reference" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="from" label="From" rules={[{ required: true, message: 'Start date is required' }]}>
          <Input type="date" aria-label="From" />
        </Form.Item>
        <Form.Item name="to" label="To (inclusive)" rules={[{ required: true, message: 'End date is required' }]}>
          <Input type="date" aria-label="To" />
        </Form.Item>
        <Form.Item name="kind" label="Kind">
          <Select
            style={{ width: 220 }}
            options={[
              { value: 'camt.053', label: 'camt.053 statement' },
              { value: 'camt.054', label: 'camt.054 notification' },
            ]}
          />
        </Form.Item>
        <Form.Item name="currency" label="Currency">
          <Input placeholder="all" maxLength={3} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            Generate
          </Button>
        </Form.Item>
      </Form>
      <Flex vertical gap="small" style={{ marginTop: 12 }}>
        {problem && <ProblemAlert problem={problem} />}
        {generated && (
          <Alert
            type="success"
            showIcon
            title={
              <Space wrap>
                <Typography.Text>
                  {generated.messageType} {generated.msgId}:{' '}
                  {generated.sections.map((s) => `${String(s.entryCount)} ${s.currency} entries`).join(', ')}
                </Typography.Text>
                <Button size="small" icon={<DownloadOutlined />} href={messageXmlUrl(generated.messageId)} download>
                  Download XML
                </Button>
              </Space>
            }
          />
        )}
      </Flex>
    </Card>
  );
}
