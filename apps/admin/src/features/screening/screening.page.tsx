import { Card, Flex, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ScreeningCheckTab } from './screening-check.tab';
import { ScreeningHitsTab } from './screening-hits.tab';
import { ScreeningListsTab } from './screening-lists.tab';
import { ScreeningTuningTab } from './screening-tuning.tab';

const TABS = ['hits', 'lists', 'check', 'tuning'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** Sanctions and PEP screening: the hits queue, the lists, an on-demand check and the tuning report. */
export function ScreeningPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'hits';
  const canCheck = rolesGrant(session.user.roles, 'screening:check');
  return (
    <Flex vertical gap="middle">
      <title>Screening · Verity</title>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Screening
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) => {
            setParams(new URLSearchParams({ tab: key }));
          }}
          items={[
            { key: 'hits', label: 'Hits', children: <ScreeningHitsTab /> },
            { key: 'lists', label: 'Lists', children: <ScreeningListsTab /> },
            ...(canCheck ? [{ key: 'check', label: 'Check a name', children: <ScreeningCheckTab /> }] : []),
            { key: 'tuning', label: 'Tuning', children: <ScreeningTuningTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
