import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { changedSearchParams } from '../../shared/search-params';
import { CustomerCreateModal } from './customer-create.modal';
import {
  KYC_STATUS_OPTIONS,
  KycStatusTag,
  RISK_RATING_OPTIONS,
  RiskRatingTag,
  ScreeningTag,
  countryLabel,
} from './customer-status.tag';
import type { CustomerDto, CustomerPageDto, KycStatus, RiskRating } from './customers.dto';
import { CustomersNav } from './customers.nav';

const PAGE_SIZE = 25;

function isStatus(value: string | null): value is KycStatus {
  return value !== null && (KYC_STATUS_OPTIONS as string[]).includes(value);
}

function isRating(value: string | null): value is RiskRating {
  return value !== null && (RISK_RATING_OPTIONS as string[]).includes(value);
}

/** The tenant's customers: filter by KYC status, risk rating and a search text. */
export function CustomersPage() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const ratingParam = params.get('rating');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const rating = isRating(ratingParam) ? ratingParam : undefined;
  const search = params.get('search') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [data, setData] = useState<CustomerPageDto>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [creating, setCreating] = useState(false);
  const mayWrite = rolesGrant(useSession().user.roles, 'customers:write');

  const load = useCallback(async () => {
    setLoading(true);
    const query = {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      ...(status ? { status } : {}),
      ...(rating ? { rating } : {}),
      ...(search ? { search } : {}),
    };
    const result = await callApi(() => api.GET('/v1/customers', { params: { query } }));
    setLoading(false);
    if (result.ok) {
      setData(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, [page, status, rating, search]);

  useEffect(() => {
    void load();
  }, [load]);

  function setFilter(key: string, value: string | undefined) {
    setParams(changedSearchParams(params, { [key]: value }));
  }

  const columns: TableColumnsType<CustomerDto> = [
    {
      title: 'Name',
      key: 'name',
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/customers/${c.id}`}>{c.fullName}</Link>
          {c.nativeName && <Typography.Text type="secondary">{c.nativeName}</Typography.Text>}
        </Flex>
      ),
    },
    { title: 'Type', dataIndex: 'type' },
    { title: 'Reference', dataIndex: 'externalRef', render: (ref: string | null) => ref ?? '—' },
    { title: 'Country', dataIndex: 'country', render: (code: string | null) => countryLabel(code) },
    {
      title: 'KYC status',
      key: 'status',
      render: (_, c) => (
        <Space size={4} wrap>
          <KycStatusTag status={c.kycStatus} />
          {c.kycRequired && <Tag color="purple">KYC required</Tag>}
        </Space>
      ),
    },
    {
      title: 'Risk',
      key: 'risk',
      render: (_, c) => (
        <Space size={4} wrap>
          <RiskRatingTag rating={c.risk.rating} score={c.risk.score} />
          {c.eddRequired && <Tag color="magenta">EDD</Tag>}
          {c.isPep && <Tag color="volcano">PEP</Tag>}
        </Space>
      ),
    },
    { title: 'Screening', key: 'screening', render: (_, c) => <ScreeningTag status={c.screeningStatus} /> },
  ];

  return (
    <Flex vertical gap="middle">
      <CustomersNav />
      <Card
        title="Customers"
        extra={
          <Space>
            {mayWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New customer
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="Reload customers">
              Reload
            </Button>
          </Space>
        }
      >
        <Flex vertical gap="middle">
          <Space wrap>
            <Input.Search
              allowClear
              placeholder="Name or reference"
              defaultValue={search}
              aria-label="Search customers"
              onSearch={(value) => {
                setFilter('search', value.trim() || undefined);
              }}
              style={{ width: 260 }}
            />
            <Select
              allowClear
              placeholder="KYC status"
              aria-label="Filter by KYC status"
              value={status}
              style={{ width: 160 }}
              options={KYC_STATUS_OPTIONS.map((s) => ({ value: s, label: s }))}
              onChange={(value: KycStatus | undefined) => {
                setFilter('status', value);
              }}
            />
            <Select
              allowClear
              placeholder="Risk rating"
              aria-label="Filter by risk rating"
              value={rating}
              style={{ width: 160 }}
              options={RISK_RATING_OPTIONS.map((r) => ({ value: r, label: r }))}
              onChange={(value: RiskRating | undefined) => {
                setFilter('rating', value);
              }}
            />
          </Space>
          {problem && <ProblemAlert problem={problem} />}
          <Table<CustomerDto>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={data?.items ?? []}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              onChange: (next) => {
                const nextParams = new URLSearchParams(params);
                nextParams.set('page', String(next));
                setParams(nextParams);
              },
            }}
          />
        </Flex>
      </Card>
      {creating && <CustomerCreateModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}
