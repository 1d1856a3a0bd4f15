import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <>
      <title>Not found · Verity</title>
      <Result
        status="404"
        title="No page at this address"
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            Back to the overview
          </Button>
        }
      />
    </>
  );
}
