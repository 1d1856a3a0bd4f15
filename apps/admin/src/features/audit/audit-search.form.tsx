import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { GetProps } from 'antd';
import type { AuditSearchQuery } from '../../api/api.dto';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

export interface AuditSearchFormValues {
  subjectType?: string;
  subjectId?: string;
  actorType?: 'user' | 'key' | 'system';
  actorId?: string;
  action?: string;
  recorded?: RangeValue;
}

export type AuditSearchFilter = Omit<AuditSearchQuery, 'limit' | 'cursor'>;

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Turns the form into the API's filter: blank fields are left out, the time range becomes RFC 3339 instants. */
export function searchFilterFrom(values: AuditSearchFormValues): AuditSearchFilter {
  const [from, to] = values.recorded ?? [];
  return {
    subjectType: trimmed(values.subjectType),
    subjectId: trimmed(values.subjectId),
    actorType: values.actorType,
    actorId: trimmed(values.actorId),
    action: trimmed(values.action),
    from: from?.toISOString(),
    to: to?.toISOString(),
  };
}

interface AuditSearchFormProps {
  loading: boolean;
  onSearch: (filter: AuditSearchFilter) => void;
}

export function AuditSearchForm({ loading, onSearch }: AuditSearchFormProps) {
  const [form] = Form.useForm<AuditSearchFormValues>();
  return (
    <Form<AuditSearchFormValues>
      form={form}
      layout="inline"
      onFinish={(values) => {
        onSearch(searchFilterFrom(values));
      }}
      style={{ rowGap: 8 }}
    >
      <Form.Item label="Subject">
        <Space.Compact>
          <Form.Item name="subjectType" noStyle>
            <Input aria-label="Subject type" placeholder="type (customer)" style={{ width: 140 }} allowClear />
          </Form.Item>
          <Form.Item name="subjectId" noStyle>
            <Input aria-label="Subject id" placeholder="id" style={{ width: 220 }} allowClear />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item label="Actor">
        <Space.Compact>
          <Form.Item name="actorType" noStyle>
            <Select
              aria-label="Actor type"
              placeholder="type"
              allowClear
              style={{ width: 110 }}
              options={[
                { value: 'user', label: 'user' },
                { value: 'key', label: 'key' },
                { value: 'system', label: 'system' },
              ]}
            />
          </Form.Item>
          <Form.Item name="actorId" noStyle>
            <Input aria-label="Actor id" placeholder="id" style={{ width: 220 }} allowClear />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="action" label="Action">
        <Input placeholder="identity.sign_in.succeeded" style={{ width: 240 }} allowClear />
      </Form.Item>
      <Form.Item name="recorded" label="Recorded">
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
            Search
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            Clear
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
