import { Card, Result, Typography } from 'antd';
import type { ReactNode } from 'react';

interface CapabilityPlaceholderProps {
  /** The area's name, as in the menu. */
  area: string;
  icon: ReactNode;
  /** One sentence naming the capability that brings this area. */
  arrival: string;
  /** What the area will let people do once it is there. */
  purpose: string;
}

/** Stands in for an area whose backend capability is not built yet, so the menu shows the whole product honestly. */
export function CapabilityPlaceholder({ area, icon, arrival, purpose }: CapabilityPlaceholderProps) {
  return (
    <>
      <title>{`${area} · Verity`}</title>
      <Typography.Title level={2}>{area}</Typography.Title>
      <Card>
        <Result icon={icon} title={arrival} subTitle={purpose} />
      </Card>
    </>
  );
}
