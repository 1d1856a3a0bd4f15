import { Flex, Spin, Typography } from 'antd';

export function FullPageSpin({ description }: { description: string }) {
  return (
    <Flex vertical align="center" justify="center" gap="middle" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
      <Typography.Text type="secondary">{description}</Typography.Text>
    </Flex>
  );
}
