import { Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

interface CreateForm {
  type: 'individual' | 'business';
  fullName: string;
  nativeName?: string;
  externalRef?: string;
  dateOfBirth?: string;
  nationalities?: string;
  country?: string;
  occupation?: string;
  product?: string;
  channel?: string;
  isPep?: boolean;
  adverseMedia?: boolean;
}

const text = (value: string | undefined): string | undefined => value?.trim() || undefined;

/** A new customer in draft, opened in its profile once created (the API checks country codes and LEIs). */
export function CustomerCreateModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateForm>();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const type = Form.useWatch('type', form) ?? 'individual';

  async function create(values: CreateForm) {
    setBusy(true);
    const nationalities = (values.nationalities ?? '')
      .split(/[\s,]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    const optional = {
      nativeName: text(values.nativeName),
      externalRef: text(values.externalRef),
      dateOfBirth: text(values.dateOfBirth),
      country: text(values.country)?.toUpperCase(),
      product: text(values.product),
      channel: text(values.channel),
      ...(values.type === 'business' ? { industry: text(values.occupation) } : { occupation: text(values.occupation) }),
    };
    const body = {
      type: values.type,
      fullName: values.fullName.trim(),
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
      ...(nationalities.length > 0 ? { nationalities } : {}),
      isPep: values.isPep === true,
      adverseMedia: values.adverseMedia === true,
    };
    const result = await callApi(() => api.POST('/v1/customers', { body }));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    void navigate(`/customers/${result.data.id}`);
  }

  return (
    <Modal
      open
      title="New customer"
      okText="Create"
      okButtonProps={{ loading: busy }}
      onOk={() => void form.validateFields().then(create)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<CreateForm> form={form} layout="vertical" initialValues={{ type: 'individual' }} preserve={false}>
        <Form.Item name="type" label="Type" rules={[{ required: true }]}>
          <Select
            aria-label="Customer type"
            options={[
              { value: 'individual', label: 'Individual' },
              { value: 'business', label: 'Business' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={type === 'business' ? 'Legal name' : 'Full name'}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input aria-label="Full name" />
        </Form.Item>
        <Form.Item name="nativeName" label="Name in native script">
          <Input aria-label="Name in native script" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="externalRef" label="Provider reference">
            <Input aria-label="Provider reference" />
          </Form.Item>
          <Form.Item
            name="dateOfBirth"
            label={type === 'business' ? 'Incorporated (YYYY-MM-DD)' : 'Date of birth (YYYY-MM-DD)'}
            rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
          >
            <Input aria-label="Date" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="country" label={type === 'business' ? 'Country of incorporation' : 'Residence'}>
            <Input aria-label="Country" placeholder="e.g. DE" maxLength={2} />
          </Form.Item>
          {type === 'individual' && (
            <Form.Item name="nationalities" label="Nationalities">
              <Input aria-label="Nationalities" placeholder="e.g. DE, FR" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="occupation" label={type === 'business' ? 'Industry' : 'Occupation'}>
          <Input aria-label={type === 'business' ? 'Industry' : 'Occupation'} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="product" label="Product">
            <Input aria-label="Product" placeholder="e.g. current_account" />
          </Form.Item>
          <Form.Item name="channel" label="Channel">
            <Select
              allowClear
              aria-label="Channel"
              style={{ width: 160 }}
              options={['branch', 'online', 'intermediary'].map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="isPep" valuePropName="checked">
            <Checkbox>Politically exposed person</Checkbox>
          </Form.Item>
          <Form.Item name="adverseMedia" valuePropName="checked">
            <Checkbox>Adverse media</Checkbox>
          </Form.Item>
        </Space>
        {problem && <ProblemAlert problem={problem} />}
      </Form>
    </Modal>
  );
}
