import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/api.problem';

interface ProblemAlertProps {
  problem: ApiProblem;
  action?: ReactNode;
}

export function ProblemAlert({ problem, action }: ProblemAlertProps) {
  const hasDescription = problem.errors.length > 0 || problem.correlationId !== undefined;
  return (
    <Alert
      type="error"
      showIcon
      title={problem.detail ?? problem.title}
      action={action}
      description={
        hasDescription ? (
          <>
            {problem.errors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.errors.map((fieldError) => (
                  <li key={`${fieldError.field}:${fieldError.message}`}>
                    <Typography.Text code>{fieldError.field}</Typography.Text> {fieldError.message}
                  </li>
                ))}
              </ul>
            )}
            {problem.correlationId !== undefined && (
              <Typography.Text type="secondary">
                <small>
                  Correlation ID <Typography.Text copyable>{problem.correlationId}</Typography.Text>
                </small>
              </Typography.Text>
            )}
          </>
        ) : undefined
      }
    />
  );
}
