import { Checkbox, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { humanize } from './alert-status.tag';
import { send, segment } from './queues.api';
import { ALERT_REASON_CODES } from './queues.dto';
import type { AlertDetailDto, AlertDisposition, DisposeAlertDto } from './queues.dto';

interface DispositionForm {
  disposition: AlertDisposition;
  reasonCode: string;
  note?: string;
  relatedAlertIds?: string[];
}

interface AlertDispositionModalProps {
  alert: AlertDetailDto;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Closes the alert as a true or false positive with a reason code, optionally closing related alerts with it. */
export function AlertDispositionModal({ alert, open, onClose, onDone }: AlertDispositionModalProps) {
  const [form] = Form.useForm<DispositionForm>();
  const disposition = Form.useWatch('disposition', form);
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  // Only alerts still to be worked can be closed together with this one.
  const related = alert.related.filter((r) => r.id !== alert.id && (r.status === 'open' || r.status === 'claimed'));

  async function submit(values: DispositionForm) {
    setSaving(true);
    setProblem(undefined);
    const body: DisposeAlertDto = {
      disposition: values.disposition,
      reasonCode: values.reasonCode,
      note: values.note?.trim() === '' ? undefined : values.note,
      relatedAlertIds: values.relatedAlertIds?.length ? values.relatedAlertIds : undefined,
    };
    const failure = await send('POST', `/v1/alerts/${segment(alert.id)}/disposition`, body);
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
      title={`Close ${alert.reference}`}
      okText="Close alert"
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
        name="alert-disposition"
        layout="vertical"
        initialValues={{ disposition: 'false_positive' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label="Disposition" name="disposition" rules={[{ required: true }]}>
          <Radio.Group
            onChange={() => {
              form.setFieldValue('reasonCode', undefined);
            }}
            options={[
              { value: 'false_positive', label: 'False positive' },
              { value: 'true_positive', label: 'True positive' },
            ]}
          />
        </Form.Item>
        <Form.Item label="Reason code" name="reasonCode" rules={[{ required: true, message: 'Pick a reason code' }]}>
          <Select
            placeholder="Why"
            options={ALERT_REASON_CODES[disposition ?? 'false_positive'].map((code) => ({
              value: code,
              label: humanize(code),
            }))}
          />
        </Form.Item>
        <Form.Item label="Note" name="note" rules={[{ max: 4000, message: 'At most 4000 characters' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {related.length > 0 && (
          <Form.Item label="Close these related alerts (same subject) with the same disposition" name="relatedAlertIds">
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column' }}
              options={related.map((r) => ({ value: r.id, label: `${r.reference} · ${r.title}` }))}
            />
          </Form.Item>
        )}
        <Typography.Text type="secondary">The disposition is written back to the alert's source.</Typography.Text>
      </Form>
    </Modal>
  );
}
