import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import type { CustomerDto } from './customers.dto';

export type CustomerDecision = 'approve' | 'reject' | 'review' | 'exit';

const TITLES: Record<CustomerDecision, string> = {
  approve: 'Approve',
  reject: 'Reject',
  review: 'Start a review of',
  exit: 'Exit',
};

interface DecisionForm {
  reason: string;
  sourceOfWealth?: string;
  purposeOfRelationship?: string;
  seniorManagementApproval?: boolean;
}

/** Asks for the reason of a lifecycle decision and, to approve an EDD customer, the EDD checklist. */
export function CustomerDecisionModal({
  customer,
  decision,
  onClose,
  onDone,
}: {
  customer: CustomerDto;
  decision: CustomerDecision;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<DecisionForm>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const needsEdd = decision === 'approve' && customer.eddRequired;

  async function submit(values: DecisionForm) {
    setBusy(true);
    const path = { params: { path: { id: customer.id } } };
    const reason = values.reason.trim();
    const result = await callApi(() => {
      switch (decision) {
        case 'approve':
          return api.POST('/v1/customers/{id}/approve', {
            ...path,
            body: needsEdd
              ? {
                  reason,
                  edd: {
                    sourceOfWealth: values.sourceOfWealth ?? '',
                    purposeOfRelationship: values.purposeOfRelationship ?? '',
                    seniorManagementApproval: values.seniorManagementApproval === true,
                  },
                }
              : { reason },
          });
        case 'reject':
          return api.POST('/v1/customers/{id}/reject', { ...path, body: { reason } });
        case 'review':
          return api.POST('/v1/customers/{id}/review', { ...path, body: { reason } });
        case 'exit':
          return api.POST('/v1/customers/{id}/exit', { ...path, body: { reason } });
      }
    });
    setBusy(false);
    if (result.ok) onDone();
    else setProblem(result.problem);
  }

  return (
    <Modal
      open
      title={`${TITLES[decision]} ${customer.fullName}`}
      okText={TITLES[decision].split(' ')[0]}
      okButtonProps={{ danger: decision === 'reject' || decision === 'exit', loading: busy }}
      onOk={() => void form.validateFields().then(submit)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<DecisionForm> form={form} layout="vertical" preserve={false}>
        {needsEdd && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="Enhanced due diligence applies"
            description={customer.eddReasons.join('; ') || 'PEP, high-risk country or high rating: see the profile.'}
          />
        )}
        <Form.Item name="reason" label="Reason" rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} aria-label="Reason" />
        </Form.Item>
        {needsEdd && (
          <>
            <Form.Item
              name="sourceOfWealth"
              label="Source of wealth"
              rules={[{ required: true, whitespace: true, min: 10, max: 2000 }]}
            >
              <Input.TextArea rows={2} aria-label="Source of wealth" />
            </Form.Item>
            <Form.Item
              name="purposeOfRelationship"
              label="Purpose of the relationship"
              rules={[{ required: true, whitespace: true, min: 10, max: 2000 }]}
            >
              <Input.TextArea rows={2} aria-label="Purpose of the relationship" />
            </Form.Item>
            <Form.Item
              name="seniorManagementApproval"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, value) =>
                    value === true ? Promise.resolve() : Promise.reject(new Error('Senior management must approve')),
                },
              ]}
            >
              <Checkbox>Senior management approved this relationship</Checkbox>
            </Form.Item>
          </>
        )}
        {problem && <ProblemAlert problem={problem} />}
      </Form>
    </Modal>
  );
}
