import { Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import type { CasePageDto, CaseSummaryDto } from '../cases/cases.dto';
import { getJson, send, sendJson, segment } from './queues.api';
import type { AlertDetailDto } from './queues.dto';

interface EscalateForm {
  target: 'new' | 'existing';
  title?: string;
  caseId?: string;
}

interface AlertEscalateModalProps {
  alert: AlertDetailDto;
  open: boolean;
  onClose: () => void;
}

/** Escalates the alert into a new case (titled here) or an existing open case, then opens the case workspace. */
export function AlertEscalateModal({ alert, open, onClose }: AlertEscalateModalProps) {
  const navigate = useNavigate();
  const [form] = Form.useForm<EscalateForm>();
  const target = Form.useWatch('target', form) ?? 'new';
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const [search, setSearch] = useState('');
  const [cases, setCases] = useState<CaseSummaryDto[]>([]);

  useEffect(() => {
    if (!open || target !== 'existing') return;
    let current = true;
    const timer = window.setTimeout(() => {
      void getJson<CasePageDto>('/v1/cases', { q: search.trim() || undefined, limit: 20 }).then((result) => {
        if (!current) return;
        if (result.ok) setCases(result.data.items.filter((c) => c.status !== 'closed'));
        else setProblem(result.problem);
      });
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [open, target, search]);

  async function submit(values: EscalateForm) {
    setSaving(true);
    setProblem(undefined);
    if (values.target === 'new') {
      const result = await sendJson<{ id: string }>('POST', '/v1/cases', {
        title: values.title?.trim(),
        priority: alert.priority,
        alertIds: [alert.id],
      });
      setSaving(false);
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      void navigate(`/cases/${result.data.id}`);
      return;
    }
    const caseId = values.caseId ?? '';
    const failure = await send('POST', `/v1/cases/${segment(caseId)}/alerts`, { alertIds: [alert.id] });
    setSaving(false);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    void navigate(`/cases/${caseId}`);
  }

  return (
    <Modal
      open={open}
      title={`Escalate ${alert.reference} into a case`}
      okText="Escalate"
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
        name="alert-escalate"
        layout="vertical"
        initialValues={{ target: 'new', title: alert.title }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="target" label="Into">
          <Radio.Group
            options={[
              { value: 'new', label: 'New case' },
              { value: 'existing', label: 'Add to existing case' },
            ]}
          />
        </Form.Item>
        {target === 'new' ? (
          <Form.Item
            label="Case title"
            name="title"
            rules={[
              { required: true, whitespace: true, message: 'Give the case a title' },
              { max: 200, message: 'At most 200 characters' },
            ]}
          >
            <Input />
          </Form.Item>
        ) : (
          <Form.Item label="Case" name="caseId" rules={[{ required: true, message: 'Pick a case' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder="Search by reference or title"
              options={cases.map((c) => ({ value: c.id, label: `${c.reference} · ${c.title}` }))}
            />
          </Form.Item>
        )}
        <Typography.Text type="secondary">
          The alert is closed as a true positive (escalated to case) and its subject and transaction join the case.
        </Typography.Text>
      </Form>
    </Modal>
  );
}
