import { UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { LIST_SOURCE_FILES, LIST_SOURCE_LABELS, type ListSource, type ListVersionDto } from './screening.dto';

const SOURCES = Object.keys(LIST_SOURCE_LABELS) as ListSource[];

/** Uploads a list's files (multipart) as a new version; the worker imports it while the lists tab shows progress. */
export function ScreeningImportForm({ onImported }: { onImported: (version: ListVersionDto) => void }) {
  const [source, setSource] = useState<ListSource>('ofac_sdn');
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const fields = LIST_SOURCE_FILES[source];
  const required = fields[0]?.name ?? '';

  async function submit() {
    setBusy(true);
    setProblem(undefined);
    const form = new FormData();
    for (const field of fields) {
      const file = files[field.name];
      if (file) form.append(field.name, file, file.name);
    }
    if (source === 'internal_watchlist' || source === 'pep') form.append('format', format);
    const result = await callApi(() =>
      api.POST('/v1/screening/lists/{source}/imports', {
        params: { path: { source } },
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setFiles({});
    onImported(result.data);
  }

  return (
    <Form layout="vertical" aria-label="Import a list">
      <Flex gap="middle" wrap align="end">
        <Form.Item label="List">
          <Select<ListSource>
            aria-label="List source"
            value={source}
            style={{ width: 200 }}
            onChange={(value) => {
              setSource(value);
              setFiles({});
            }}
            options={SOURCES.map((s) => ({ value: s, label: LIST_SOURCE_LABELS[s] }))}
          />
        </Form.Item>
        {(source === 'internal_watchlist' || source === 'pep') && (
          <Form.Item label="Format">
            <Select<'csv' | 'json'>
              aria-label="Format"
              value={format}
              style={{ width: 100 }}
              onChange={setFormat}
              options={[
                { value: 'csv', label: 'CSV' },
                { value: 'json', label: 'JSON' },
              ]}
            />
          </Form.Item>
        )}
        {fields.map((field) => (
          <Form.Item key={field.name} label={`${field.label}${field.name === required ? ' (required)' : ''}`}>
            <input
              type="file"
              aria-label={field.label}
              accept={field.accept}
              onChange={(event) => {
                const file = event.target.files?.[0];
                setFiles((previous) => ({ ...previous, [field.name]: file }));
              }}
            />
          </Form.Item>
        ))}
        <Form.Item>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={busy}
            disabled={files[required] === undefined}
            onClick={() => {
              void submit();
            }}
          >
            Import
          </Button>
        </Form.Item>
      </Flex>
      <Typography.Text type="secondary">
        A malformed file fails the import with its reason; the active version stays in use.
      </Typography.Text>
      {problem !== undefined && <ProblemAlert problem={problem} />}
    </Form>
  );
}
