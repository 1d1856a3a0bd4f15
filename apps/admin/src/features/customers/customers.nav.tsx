import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

const SECTIONS = [
  { label: 'Customers', value: '/customers' },
  { label: 'Review queue', value: '/customers/review' },
  { label: 'Risk matrix', value: '/customers/risk-matrix' },
];

/** Switches between the customers area's pages. */
export function CustomersNav() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => s.value === location.pathname)?.value ?? '/customers';
  return (
    <Segmented
      options={SECTIONS}
      value={current}
      onChange={(value) => {
        void navigate(value);
      }}
    />
  );
}
