import { Card, Flex, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { BacktestsTab } from './backtests.tab';
import { ModelsTab } from './models.tab';
import { RuleSetsTab } from './rule-sets.tab';

const TABS = ['rule-sets', 'backtests', 'models'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** Rules and models: the rule-set versions, backtests of drafts, and the model registry. */
export function RulesPage() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'rule-sets';
  return (
    <Flex vertical gap="middle">
      <title>Rules and models · Verity</title>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Rules and models
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) => setParams(new URLSearchParams({ tab: key }))}
          items={[
            { key: 'rule-sets', label: 'Rule sets', children: <RuleSetsTab /> },
            { key: 'backtests', label: 'Backtests', children: <BacktestsTab /> },
            { key: 'models', label: 'Models', children: <ModelsTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
