import { Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';

interface AuditExportPanelProps {
  tenantSlug: string;
  /** The subject of the selected entry or of the search, to prefill the command. */
  subject?: { type: string; id: string };
}

/** POSIX shell quoting, so that a subject id with spaces or quotes still makes one argument. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function exportCommand(tenantSlug: string, subjectType: string, subjectId: string, outDir: string): string {
  return [
    'verity audit export',
    `--tenant ${shellWord(tenantSlug)}`,
    `--subject ${shellWord(`${subjectType}:${subjectId}`)}`,
    `--out ${shellWord(outDir)}`,
  ].join(' ');
}

/**
 * Evidence packs are written by the `verity` CLI on a machine with database access, not by this UI: the panel gives
 * the exact command for the subject at hand instead of pretending to export.
 */
export function AuditExportPanel({ tenantSlug, subject }: AuditExportPanelProps) {
  const [edited, setEdited] = useState<{ type?: string; id?: string; out?: string }>({});
  const subjectType = edited.type ?? subject?.type ?? '';
  const subjectId = edited.id ?? subject?.id ?? '';
  const outDir = edited.out ?? (subjectType && subjectId ? `./evidence-${subjectType}-${subjectId}` : './evidence');
  const ready = subjectType !== '' && subjectId !== '';
  const command = exportCommand(tenantSlug, subjectType || '<type>', subjectId || '<id>', outDir);

  return (
    <Card title="Export evidence pack" size="small">
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ margin: 0 }}>
          An evidence pack holds a subject’s entries, an inclusion proof for each (C2SP tlog-proof), the signed
          checkpoint with its cosignatures and anchor receipts, the verifier keys, and a <code>verify.html</code> page
          that checks all of it in a browser with no network. Packs are written by the <code>verity</code> command line
          tool on a machine that can reach the database; this page does not export. Run:
        </Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="Subject type">
            <Input
              value={subjectType}
              placeholder="customer"
              style={{ width: 140 }}
              onChange={(event) => {
                setEdited((previous) => ({ ...previous, type: event.target.value }));
              }}
            />
          </Form.Item>
          <Form.Item label="Subject id">
            <Input
              value={subjectId}
              placeholder="id"
              style={{ width: 280 }}
              onChange={(event) => {
                setEdited((previous) => ({ ...previous, id: event.target.value }));
              }}
            />
          </Form.Item>
          <Form.Item label="Output directory">
            <Input
              value={outDir}
              style={{ width: 280 }}
              onChange={(event) => {
                setEdited((previous) => ({ ...previous, out: event.target.value }));
              }}
            />
          </Form.Item>
        </Form>
        <Typography.Paragraph
          code
          copyable={ready ? { text: command } : false}
          data-testid="audit-export-command"
          style={{ margin: 0, wordBreak: 'break-all' }}
        >
          {command}
        </Typography.Paragraph>
        {!ready && (
          <Typography.Text type="secondary">
            Open an entry or fill in a subject to complete the command.
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          Then open <code>verify.html</code> from the pack in any browser, or run{' '}
          <code>verity verify-pack {shellWord(outDir)}</code>.
        </Typography.Text>
      </Flex>
    </Card>
  );
}
