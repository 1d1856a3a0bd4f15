import { Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { send, segment } from '../queues/queues.api';
import type { CaseCloseDisposition, CaseDto, CloseRequestDto } from './cases.dto';

interface CloseForm {
  disposition: CaseCloseDisposition;
  summary: string;
  jurisdiction?: string;
  suspectIdentified: boolean;
}

interface CaseCloseRequestModalProps {
  kase: CaseDto;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Asks for the case's closure: a disposition and summary that a second person (cases:approve) must approve. */
export function CaseCloseRequestModal({ kase, open, onClose, onDone }: CaseCloseRequestModalProps) {
  const [form] = Form.useForm<CloseForm>();
  const disposition = Form.useWatch('disposition', form);
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);

  async function submit(values: CloseForm) {
    setSaving(true);
    setProblem(undefined);
    const body: CloseRequestDto = {
      disposition: values.disposition,
      summary: values.summary,
      ...(values.disposition === 'sar_needed'
        ? {
            jurisdiction: values.jurisdiction?.trim() ? values.jurisdiction.trim().toUpperCase() : undefined,
            suspectIdentified: values.suspectIdentified,
          }
        : {}),
    };
    const failure = await send('POST', `/v1/cases/${segment(kase.id)}/close-request`, body);
    setSaving(false);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    form.resetFields();
    onDone();
  }

  return (
    <Modal
      open={open}
      title={`Request closure of ${kase.reference}`}
      okText="Request closure"
      okButtonProps={{ loading: saving }}
      onOk={() => {
        form.submit();
      }}
      onCancel={() => {
        setProblem(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form
        form={form}
        name="case-close-request"
        layout="vertical"
        initialValues={{ disposition: 'no_report_needed', suspectIdentified: true }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label="Disposition" name="disposition" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'no_report_needed', label: 'No report needed' },
              { value: 'sar_needed', label: 'Suspicious activity report needed' },
            ]}
          />
        </Form.Item>
        {disposition === 'sar_needed' && (
          <>
            <Form.Item
              label="Jurisdiction"
              name="jurisdiction"
              extra="Country code whose deadline applies; empty for the default."
              rules={[{ pattern: /^[A-Za-z]{2}$/, message: 'A two-letter country code' }]}
            >
              <Input style={{ width: 120 }} maxLength={2} />
            </Form.Item>
            <Form.Item name="suspectIdentified" valuePropName="checked">
              <Checkbox>Suspect identified</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item
          label="Summary"
          name="summary"
          rules={[
            { required: true, whitespace: true, message: 'Summarise the findings for the approver' },
            { max: 10_000, message: 'At most 10,000 characters' },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Typography.Text type="secondary">
          A second person with the cases:approve permission approves the closure. Approving a report-needed closure
          starts the regulatory clock.
        </Typography.Text>
      </Form>
    </Modal>
  );
}
