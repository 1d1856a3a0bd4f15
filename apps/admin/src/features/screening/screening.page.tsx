import { SafetyCertificateOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function ScreeningPage() {
  return (
    <CapabilityPlaceholder
      area="Screening"
      icon={<SafetyCertificateOutlined />}
      arrival="Screening arrives with the sanctions and PEP screening capability."
      purpose="Analysts will review name-screening matches against sanctions and PEP lists and resolve them."
    />
  );
}
