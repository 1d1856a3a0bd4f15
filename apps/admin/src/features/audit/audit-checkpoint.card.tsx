import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ProblemAlert } from '../../shared/problem-alert';
import { formatAge } from '../overview/age.format';
import type { LatestCheckpointState } from './audit-checkpoint.state';
import { encodeBase64 } from './audit-proof.verifier';

interface AuditCheckpointCardProps {
  checkpoint: LatestCheckpointState;
  onVerify: () => void;
}

function VerificationResult({ checkpoint }: { checkpoint: LatestCheckpointState }) {
  const verification = checkpoint.verification;
  if (verification === undefined) return null;
  if (!verification.ok) {
    return (
      <Alert
        type="error"
        showIcon
        icon={<CloseCircleFilled />}
        title="Checkpoint signature NOT verified"
        description={verification.reason}
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      icon={<CheckCircleFilled />}
      title={`Signature verified in this browser for checkpoint ${String(verification.checkpoint.size)}`}
      description={
        <>
          Ed25519 signature by {verification.verifiedBy.join(', ')}, checked with WebCrypto against the keys this server
          publishes at <Typography.Text code>/v1/audit/keys</Typography.Text>. To trust the log independently of this
          server, compare those keys with the ones you were given out of band.
        </>
      }
    />
  );
}

function checkpointItems(checkpoint: LatestCheckpointState): DescriptionsProps['items'] {
  const verification = checkpoint.verification;
  const body = verification?.checkpoint;
  if (body === undefined) return [];
  const publishedAt = checkpoint.publishedAt;
  const age =
    publishedAt !== undefined
      ? `${formatAge((Date.now() - Date.parse(publishedAt)) / 1000)} ago (published ${new Date(publishedAt).toLocaleString()})`
      : `fetched ${checkpoint.fetchedAt?.toLocaleTimeString() ?? ''}`;
  const verifiedBy = new Set(verification?.ok ? verification.verifiedBy : []);
  return [
    { key: 'origin', label: 'Origin', children: <Typography.Text code>{body.origin}</Typography.Text> },
    { key: 'size', label: 'Tree size', children: body.size },
    {
      key: 'root',
      label: 'Root hash',
      children: (
        <Typography.Text code copyable>
          {encodeBase64(body.rootHash)}
        </Typography.Text>
      ),
    },
    { key: 'age', label: 'Age', children: age },
    {
      key: 'signers',
      label: 'Signed by',
      span: 'filled',
      children: (
        <Flex wrap gap="small">
          {body.signatures.map((signature) => (
            <Tag key={signature.label} color={verifiedBy.has(signature.label) ? 'success' : 'default'}>
              {signature.label}
              {verifiedBy.has(signature.label) ? '' : ' (not a log key: unchecked)'}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];
}

/** The latest signed checkpoint and the browser's verdict on its signature. */
export function AuditCheckpointCard({ checkpoint, onVerify }: AuditCheckpointCardProps) {
  return (
    <Card
      title="Latest checkpoint"
      loading={checkpoint.loading && checkpoint.verification === undefined}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={checkpoint.loading} onClick={onVerify}>
          Verify signature
        </Button>
      }
    >
      <Flex vertical gap="middle">
        {checkpoint.problem !== undefined && <ProblemAlert problem={checkpoint.problem} />}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={checkpointItems(checkpoint)} />
        <VerificationResult checkpoint={checkpoint} />
      </Flex>
    </Card>
  );
}
