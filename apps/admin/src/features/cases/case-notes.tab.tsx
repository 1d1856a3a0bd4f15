import { Button, Empty, Flex, Form, Input, List, Typography } from 'antd';
import { useState } from 'react';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { send, segment } from '../queues/queues.api';
import { personLabel } from './case-status.tag';
import type { CaseNoteDto } from './cases.dto';

const NOTE_MAX = 20_000;

interface CaseNotesTabProps {
  caseId: string;
  selfId: string;
  notes: CaseNoteDto[];
  mayWrite: boolean;
  onAdded: () => void;
}

/**
 * The case's notes, newest first. A note is plain text: it is rendered as a text node with its line breaks kept, so
 * markup in a note (even `<img onerror=…>`) is shown, never interpreted.
 */
export function CaseNotesTab({ caseId, selfId, notes, mayWrite, onAdded }: CaseNotesTabProps) {
  const [form] = Form.useForm<{ body: string }>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);

  async function add({ body }: { body: string }) {
    setSaving(true);
    setProblem(undefined);
    const failure = await send('POST', `/v1/cases/${segment(caseId)}/notes`, { body });
    setSaving(false);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    form.resetFields();
    onAdded();
  }

  return (
    <Flex vertical gap="middle">
      {mayWrite && (
        <Form form={form} name="case-note" layout="vertical" onFinish={(values) => void add(values)}>
          {problem !== undefined && <ProblemAlert problem={problem} />}
          <Form.Item
            label="New note"
            name="body"
            rules={[
              { required: true, whitespace: true, message: 'Write the note first' },
              { max: NOTE_MAX, message: `At most ${String(NOTE_MAX)} characters` },
            ]}
          >
            <Input.TextArea rows={4} showCount maxLength={NOTE_MAX} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            Add note
          </Button>
        </Form>
      )}
      {notes.length === 0 ? (
        <Empty description="No notes yet" />
      ) : (
        <List
          aria-label="Case notes"
          dataSource={[...notes].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))}
          renderItem={(note) => (
            <List.Item key={note.id}>
              <Flex vertical style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  {personLabel(note.authorId, selfId)} · {new Date(note.createdAt).toLocaleString()}
                </Typography.Text>
                <Typography.Paragraph data-testid="case-note-body" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {note.body}
                </Typography.Paragraph>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
