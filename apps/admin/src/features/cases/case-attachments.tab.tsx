import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { segment, sendForm } from '../queues/queues.api';
import { personLabel } from './case-status.tag';
import type { CaseAttachmentDto } from './cases.dto';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

interface CaseAttachmentsTabProps {
  caseId: string;
  selfId: string;
  attachments: CaseAttachmentDto[];
  mayWrite: boolean;
  onAdded: () => void;
}

/**
 * The case's files. The api decides the type from the bytes and refuses what is too large (413), of a forbidden type
 * (415) or named with a path (422); its problem details are shown as they come.
 */
export function CaseAttachmentsTab({ caseId, selfId, attachments, mayWrite, onAdded }: CaseAttachmentsTabProps) {
  const [problem, setProblem] = useState<ApiProblem>();
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setUploading(true);
    setProblem(undefined);
    const form = new FormData();
    form.append('file', file, file.name);
    const failure = await sendForm(`/v1/cases/${segment(caseId)}/attachments`, form);
    setUploading(false);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    onAdded();
  }

  const columns: TableColumnsType<CaseAttachmentDto> = [
    {
      title: 'File',
      key: 'fileName',
      render: (_, a) => (
        <a
          href={`/v1/cases/${segment(caseId)}/attachments/${segment(a.id)}`}
          download={a.fileName}
          aria-label={`Download ${a.fileName}`}
        >
          <DownloadOutlined /> {a.fileName}
        </a>
      ),
    },
    { title: 'Type', key: 'mediaType', render: (_, a) => a.mediaType },
    { title: 'Size', key: 'size', render: (_, a) => sizeText(a.sizeBytes) },
    {
      title: 'SHA-256',
      key: 'sha256',
      render: (_, a) => (
        <Typography.Text code copyable={{ text: a.sha256 }} title={a.sha256}>
          {a.sha256.slice(0, 16)}…
        </Typography.Text>
      ),
    },
    {
      title: 'Uploaded',
      key: 'createdAt',
      render: (_, a) => `${personLabel(a.uploadedBy, selfId)} · ${new Date(a.createdAt).toLocaleString()}`,
    },
  ];

  return (
    <Flex vertical gap="middle">
      {mayWrite && (
        <Upload
          showUploadList={false}
          multiple={false}
          customRequest={({ file }) => {
            if (file instanceof File) void upload(file);
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            Upload a file
          </Button>
        </Upload>
      )}
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Table<CaseAttachmentDto>
        rowKey="id"
        size="small"
        aria-label="Case attachments"
        columns={columns}
        dataSource={attachments}
        pagination={false}
      />
    </Flex>
  );
}
