import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OverviewQueueDto } from '../../api/api.dto';

type CountKey = Exclude<keyof OverviewQueueDto, 'name'>;

function countColumn(key: CountKey, title: string): TableColumnsType<OverviewQueueDto>[number] {
  return {
    key,
    title,
    dataIndex: key,
    align: 'right',
    width: 110,
    sorter: (left, right) => left[key] - right[key],
  };
}

const columns: TableColumnsType<OverviewQueueDto> = [
  {
    key: 'name',
    title: 'Queue',
    dataIndex: 'name',
    sorter: (left, right) => left.name.localeCompare(right.name),
    defaultSortOrder: 'ascend',
  },
  countColumn('waiting', 'Waiting'),
  countColumn('active', 'Active'),
  countColumn('delayed', 'Delayed'),
  {
    ...countColumn('failed', 'Failed'),
    // Failed jobs need someone to look at them, so they must stand out from the routine counts.
    render: (failed: number) => (failed > 0 ? <Tag color="error">{failed}</Tag> : failed),
  },
  countColumn('completed', 'Completed'),
];

export function OverviewQueuesTable({ queues }: { queues: OverviewQueueDto[] }) {
  return (
    <Table<OverviewQueueDto>
      size="small"
      rowKey="name"
      columns={columns}
      dataSource={queues}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: 'No queues reported' }}
    />
  );
}
