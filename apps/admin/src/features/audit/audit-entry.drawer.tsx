import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AuditEntryDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import type { ApiProblem } from '../../api/api.problem';
import { PayloadStatusTag, partyLabel } from './audit-entries.table';
import { decodeBase64, leafDisagreements, verifyInclusion } from './audit-proof.verifier';
import type { CheckpointBody } from './audit-proof.verifier';

type InclusionOutcome =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'included'; size: number }
  | { status: 'failed'; reason: string }
  | { status: 'problem'; problem: ApiProblem };

interface AuditEntryDrawerProps {
  entry?: AuditEntryDto;
  /** The checkpoint whose signature the browser verified; inclusion is only checked against a verified root. */
  checkpoint?: CheckpointBody;
  onClose: () => void;
}

async function checkInclusion(entry: AuditEntryDto, checkpoint: CheckpointBody): Promise<InclusionOutcome> {
  const leaf = decodeBase64(entry.leaf);
  if (leaf === undefined) return { status: 'failed', reason: 'the leaf is not canonical base64' };
  const disagreements = leafDisagreements(leaf, entry);
  if (disagreements.length > 0) {
    return { status: 'failed', reason: `the leaf does not say what is shown: ${disagreements.join(', ')}` };
  }
  const result = await callApi(() =>
    api.GET('/v1/audit/proofs/inclusion', { params: { query: { index: entry.index, size: checkpoint.size } } }),
  );
  if (!result.ok) return { status: 'problem', problem: result.problem };
  const proof = result.data.hashes.map(decodeBase64);
  if (proof.some((hash) => hash === undefined)) return { status: 'failed', reason: 'a proof hash is not base64' };
  const outcome = await verifyInclusion(
    leaf,
    entry.index,
    checkpoint.size,
    proof.filter((hash) => hash !== undefined),
    checkpoint.rootHash,
  );
  return outcome.ok ? { status: 'included', size: checkpoint.size } : { status: 'failed', reason: outcome.reason };
}

function InclusionResult({ outcome }: { outcome: InclusionOutcome }) {
  switch (outcome.status) {
    case 'idle':
    case 'checking':
      return null;
    case 'included':
      return (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          title={`Included in checkpoint ${String(outcome.size)}`}
          description="SHA-256(0x00 ‖ leaf) and the RFC 6962 proof path lead to the root the verified checkpoint signs; computed in this browser."
        />
      );
    case 'failed':
      return (
        <Alert
          type="error"
          showIcon
          icon={<CloseCircleFilled />}
          title="Inclusion NOT verified"
          description={outcome.reason}
        />
      );
    case 'problem':
      return <ProblemAlert problem={outcome.problem} />;
  }
}

function entryItems(entry: AuditEntryDto): DescriptionsProps['items'] {
  return [
    { key: 'index', label: 'Leaf index', children: entry.index },
    { key: 'recordedAt', label: 'Recorded', children: <Typography.Text code>{entry.recordedAt}</Typography.Text> },
    { key: 'actor', label: 'Actor', children: partyLabel(entry.actor) },
    { key: 'action', label: 'Action', children: <Typography.Text code>{entry.action}</Typography.Text> },
    { key: 'subject', label: 'Subject', children: partyLabel(entry.subject) },
    { key: 'status', label: 'Payload', children: <PayloadStatusTag entry={entry} /> },
    {
      key: 'payloadHash',
      label: 'Payload hash',
      children: (
        <Typography.Text code copyable>
          {entry.payloadHash}
        </Typography.Text>
      ),
    },
  ];
}

/** One entry: its fields, its payload as text, its leaf, and the inclusion proof checked in the browser. */
export function AuditEntryDrawer({ entry, checkpoint, onClose }: AuditEntryDrawerProps) {
  const [outcome, setOutcome] = useState<InclusionOutcome>({ status: 'idle' });
  const [shownIndex, setShownIndex] = useState<number | undefined>(entry?.index);
  // A different entry starts without a verdict: the previous one's result must not appear to belong to it.
  if (entry?.index !== shownIndex) {
    setShownIndex(entry?.index);
    setOutcome({ status: 'idle' });
  }

  async function verify(current: AuditEntryDto, against: CheckpointBody) {
    setOutcome({ status: 'checking' });
    setOutcome(await checkInclusion(current, against));
  }

  const notYetSigned = entry !== undefined && checkpoint !== undefined && entry.index >= checkpoint.size;
  return (
    <Drawer
      open={entry !== undefined}
      onClose={onClose}
      size="large"
      title={entry === undefined ? 'Entry' : `Entry ${String(entry.index)}`}
    >
      {entry !== undefined && (
        <Flex vertical gap="middle">
          <Descriptions size="small" column={1} bordered items={entryItems(entry)} />
          <div>
            <Typography.Title level={5}>Payload</Typography.Title>
            {entry.payload === null ? (
              <Typography.Text type="secondary">
                {entry.payloadStatus === 'erased'
                  ? 'Erased: the data subject’s key was deleted. The leaf and its proofs still hold.'
                  : 'No readable payload.'}
              </Typography.Text>
            ) : (
              // Rendered as a text node: a payload is data recorded from the outside and never becomes markup.
              <pre data-testid="audit-payload" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {JSON.stringify(entry.payload, null, 2)}
              </pre>
            )}
            <Typography.Text type="secondary">
              <small>Decrypted by the server. The leaf commits to its salted hash, not to the payload itself.</small>
            </Typography.Text>
          </div>
          <div>
            <Typography.Title level={5}>Leaf (base64 of the hashed bytes)</Typography.Title>
            <Typography.Paragraph code copyable style={{ wordBreak: 'break-all' }}>
              {entry.leaf}
            </Typography.Paragraph>
          </div>
          {checkpoint === undefined ? (
            <Alert type="warning" showIcon title="No verified checkpoint to check inclusion against" />
          ) : notYetSigned ? (
            <Alert
              type="info"
              showIcon
              title={`Not yet in a signed checkpoint: checkpoint ${String(checkpoint.size)} covers entries 0 to ${String(checkpoint.size - 1)}`}
            />
          ) : (
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={outcome.status === 'checking'}
              onClick={() => void verify(entry, checkpoint)}
            >
              Verify inclusion
            </Button>
          )}
          <InclusionResult outcome={outcome} />
        </Flex>
      )}
    </Drawer>
  );
}
