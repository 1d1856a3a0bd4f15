import { FolderOpenOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function CasesPage() {
  return (
    <CapabilityPlaceholder
      area="Cases"
      icon={<FolderOpenOutlined />}
      arrival="Cases arrive with the case-management capability."
      purpose="Investigators will group alerts into cases, record findings and decisions."
    />
  );
}
