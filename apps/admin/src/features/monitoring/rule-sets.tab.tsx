import { Button, Flex, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { callApi, type ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { RULE_SET_STATUS_COLORS, type RuleSetDto } from './monitoring.dto';

/** Every version of the tenant's rule set, newest first; one is published. */
export function RuleSetsTab() {
  const session = useSession();
  const [ruleSets, setRuleSets] = useState<RuleSetDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    void callApi(() => api.GET('/v1/rule-sets')).then((result) => {
      if (result.ok) setRuleSets(result.data);
      else setProblem(result.problem);
    });
  }, []);
  return (
    <Flex vertical gap="small">
      {rolesGrant(session.user.roles, 'rules:write') && (
        <Link to="/rules/rule-sets/new" style={{ alignSelf: 'flex-start' }}>
          <Button type="primary">New draft</Button>
        </Link>
      )}
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Table<RuleSetDto>
        aria-label="Rule sets"
        size="small"
        rowKey="id"
        loading={ruleSets === undefined && problem === undefined}
        dataSource={ruleSets}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: 'Version', dataIndex: 'version', width: 90 },
          {
            title: 'Name',
            dataIndex: 'name',
            render: (name: string, r) => <Link to={`/rules/rule-sets/${r.id}`}>{name}</Link>,
          },
          {
            title: 'Status',
            dataIndex: 'status',
            render: (s: RuleSetDto['status']) => <Tag color={RULE_SET_STATUS_COLORS[s]}>{s.replace('_', ' ')}</Tag>,
          },
          { title: 'Rules', render: (_, r) => (r.document.rules as unknown[] | undefined)?.length ?? 0, width: 80 },
          { title: 'Updated', dataIndex: 'updatedAt', render: (d: string) => new Date(d).toLocaleString() },
          {
            title: 'Published',
            dataIndex: 'publishedAt',
            render: (d: string | null) => (d ? new Date(d).toLocaleString() : '—'),
          },
        ]}
      />
    </Flex>
  );
}
