import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { CustomerDecisionModal, type CustomerDecision } from './customer-decision.modal';
import { RiskRatingTag, ScreeningTag, countryLabel } from './customer-status.tag';
import type { CustomerDto, CustomerReviewDto } from './customers.dto';
import { CustomersNav } from './customers.nav';

/** Customers waiting for a decision (onboarding and periodic reviews), with approve and reject at hand. */
export function CustomerReviewQueuePage() {
  const session = useSession();
  const mayDecide = rolesGrant(session.user.roles, 'customers:decide');
  const [customers, setCustomers] = useState<CustomerDto[]>([]);
  const [tasks, setTasks] = useState<CustomerReviewDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [deciding, setDeciding] = useState<{ customer: CustomerDto; decision: CustomerDecision }>();

  const load = useCallback(async () => {
    setLoading(true);
    const [inReview, open] = await Promise.all([
      callApi(() => api.GET('/v1/customers', { params: { query: { status: 'review', limit: 200 } } })),
      callApi(() => api.GET('/v1/customers/reviews', { params: { query: { status: 'open', limit: 500 } } })),
    ]);
    setLoading(false);
    if (inReview.ok) setCustomers(inReview.data.items);
    if (open.ok) setTasks(open.data);
    const failed = !inReview.ok ? inReview.problem : !open.ok ? open.problem : undefined;
    setProblem(failed);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function claim(task: CustomerReviewDto) {
    const result = await callApi(() =>
      api.POST('/v1/customers/reviews/{reviewId}/claim', { params: { path: { reviewId: task.id } } }),
    );
    if (!result.ok) setProblem(result.problem);
    await load();
  }

  const taskOf = new Map(tasks.map((t) => [t.customerId, t]));

  const columns: TableColumnsType<CustomerDto> = [
    {
      title: 'Customer',
      key: 'name',
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/customers/${c.id}`}>{c.fullName}</Link>
          <Typography.Text type="secondary">
            {c.type} · {countryLabel(c.country)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Why in review',
      key: 'task',
      render: (_, c) => {
        const task = taskOf.get(c.id);
        return task ? (
          <Space size={4} wrap>
            <Tag color="blue">{task.reason.replace('_', ' ')}</Tag>
            <Typography.Text type="secondary">due {new Date(task.dueAt).toLocaleDateString()}</Typography.Text>
            {task.assignee === session.user.id && <Tag>yours</Tag>}
          </Space>
        ) : (
          <Tag>onboarding</Tag>
        );
      },
    },
    {
      title: 'Risk',
      key: 'risk',
      render: (_, c) => (
        <Space size={4}>
          <RiskRatingTag rating={c.risk.rating} score={c.risk.score} />
          {c.eddRequired && <Tag color="magenta">EDD</Tag>}
        </Space>
      ),
    },
    { title: 'Screening', key: 'screening', render: (_, c) => <ScreeningTag status={c.screeningStatus} /> },
    {
      title: 'Decide',
      key: 'actions',
      render: (_, c) => {
        const task = taskOf.get(c.id);
        return mayDecide ? (
          <Space size="small" wrap>
            <Button
              size="small"
              type="primary"
              aria-label={`Approve ${c.fullName}`}
              onClick={() => setDeciding({ customer: c, decision: 'approve' })}
            >
              Approve
            </Button>
            <Button
              size="small"
              danger
              aria-label={`Reject ${c.fullName}`}
              onClick={() => setDeciding({ customer: c, decision: 'reject' })}
            >
              Reject
            </Button>
            {task && task.assignee === null && (
              <Button size="small" onClick={() => void claim(task)}>
                Take
              </Button>
            )}
          </Space>
        ) : null;
      },
    },
  ];

  return (
    <Flex vertical gap="middle">
      <CustomersNav />
      <Card
        title="Review queue"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="Reload the review queue">
            Reload
          </Button>
        }
      >
        {problem && <ProblemAlert problem={problem} />}
        <Table<CustomerDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={customers}
          pagination={false}
        />
      </Card>
      {deciding && (
        <CustomerDecisionModal
          customer={deciding.customer}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDone={() => {
            setDeciding(undefined);
            void load();
          }}
        />
      )}
    </Flex>
  );
}
