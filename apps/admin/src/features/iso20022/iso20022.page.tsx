import { SwapOutlined } from '@ant-design/icons';
import { CapabilityPlaceholder } from '../../shared/capability-placeholder';

export function Iso20022Page() {
  return (
    <CapabilityPlaceholder
      area="ISO 20022"
      icon={<SwapOutlined />}
      arrival="ISO 20022 messages arrive with the ISO 20022 capability."
      purpose="Operators will inspect ingested payment messages and the parties and transactions parsed from them."
    />
  );
}
