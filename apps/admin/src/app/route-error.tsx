import { Button, Flex, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Keeps a rendering failure inside the shell with a way out, instead of React Router's developer error screen. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${String(error.status)} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }}>
      <Result
        status="error"
        title="This page failed to display"
        subTitle={detail}
        extra={
          <Button
            type="primary"
            onClick={() => {
              window.location.assign('/');
            }}
          >
            Reload the overview
          </Button>
        }
      />
    </Flex>
  );
}
