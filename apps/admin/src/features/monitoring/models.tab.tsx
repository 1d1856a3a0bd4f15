import { UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Popconfirm, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { callApi, type ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { MODEL_STATUS_COLORS, type ModelDto } from './monitoring.dto';

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The model registry: upload (checked against the feature schema), shadow, promotion (four-eyes), retirement. */
export function ModelsTab() {
  const session = useSession();
  const canWrite = rolesGrant(session.user.roles, 'rules:write');
  const [models, setModels] = useState<ModelDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [name, setName] = useState('aml-model');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await callApi(() => api.GET('/v1/models'));
    if (result.ok) setModels(result.data);
    else setProblem(result.problem);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const upload = async (file: File): Promise<void> => {
    setBusy(true);
    const contentBase64 = toBase64(await file.arrayBuffer());
    const result = await callApi(() => api.POST('/v1/models', { body: { name, contentBase64 } }));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    void message.success(`Uploaded ${result.data.name} version ${String(result.data.version)}`);
    await load();
  };

  const act = async (model: ModelDto, action: 'shadow' | 'promote' | 'retire'): Promise<void> => {
    const params = { params: { path: { id: model.id } } };
    const result =
      action === 'promote'
        ? await callApi(() =>
            api.POST('/v1/models/{id}/promote', { ...params, body: { previousChampionTo: 'shadow' } }),
          )
        : action === 'shadow'
          ? await callApi(() => api.POST('/v1/models/{id}/shadow', params))
          : await callApi(() => api.POST('/v1/models/{id}/retire', params));
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    void message.success(
      action === 'promote' ? 'Promotion requested: a second person must approve it in Approvals' : `Model ${action}ed`,
    );
    await load();
  };

  return (
    <Flex vertical gap="small">
      {canWrite && (
        <Space wrap>
          <Input
            aria-label="Model name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            style={{ width: 200 }}
          />
          <Upload
            accept=".onnx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              Upload ONNX model
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            One float input [N, F] over the feature schema’s model features.
          </Typography.Text>
        </Space>
      )}
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Table<ModelDto>
        aria-label="Models"
        size="small"
        rowKey="id"
        loading={models === undefined && problem === undefined}
        dataSource={models}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: 'Name', dataIndex: 'name' },
          { title: 'Version', dataIndex: 'version', width: 80 },
          {
            title: 'Status',
            dataIndex: 'status',
            render: (s: ModelDto['status'], m) => (
              <Space>
                <Tag color={MODEL_STATUS_COLORS[s]}>{s}</Tag>
                {m.approvalRequestId !== null && s !== 'champion' && <Tag color="processing">promotion pending</Tag>}
              </Space>
            ),
          },
          { title: 'Kind', render: (_, m) => m.inspection.kind },
          { title: 'Size', dataIndex: 'sizeBytes', render: (b: number) => `${(b / 1024).toFixed(1)} KiB` },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            render: (h: string) => (
              <Typography.Text code copyable={{ text: h }}>
                {h.slice(0, 12)}
              </Typography.Text>
            ),
          },
          { title: 'Uploaded', dataIndex: 'createdAt', render: (d: string) => new Date(d).toLocaleString() },
          {
            title: 'Actions',
            render: (_, m) =>
              canWrite && (
                <Space>
                  {(m.status === 'uploaded' || m.status === 'retired') && (
                    <Button size="small" onClick={() => void act(m, 'shadow')}>
                      Run in shadow
                    </Button>
                  )}
                  {(m.status === 'uploaded' || m.status === 'shadow') && (
                    <Button size="small" onClick={() => void act(m, 'promote')}>
                      Promote to champion
                    </Button>
                  )}
                  {(m.status === 'uploaded' || m.status === 'shadow') && (
                    <Popconfirm title="Retire this model?" onConfirm={() => void act(m, 'retire')}>
                      <Button size="small" danger>
                        Retire
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Flex>
  );
}
