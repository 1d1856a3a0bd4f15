import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import type { RuleFactDto } from './monitoring.dto';
import { RULE_OPERATORS } from './monitoring.dto';

/** One comparison `fact operator value`, the common kind of condition the form edits. */
interface ConditionRow {
  fact: string;
  operator: string;
  value: unknown;
}

interface RuleJson {
  name?: unknown;
  conditions?: unknown;
  event?: { params?: { message?: unknown; action?: unknown; weight?: unknown } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rows of a rule whose conditions are one `all` or `any` of plain comparisons; null for anything else. */
function simpleConditions(conditions: unknown): { combinator: 'all' | 'any'; rows: ConditionRow[] } | null {
  if (!isRecord(conditions)) return null;
  const combinator = Array.isArray(conditions.all) ? 'all' : Array.isArray(conditions.any) ? 'any' : null;
  if (combinator === null) return null;
  const children = conditions[combinator] as unknown[];
  const rows: ConditionRow[] = [];
  for (const child of children) {
    if (!isRecord(child) || typeof child.fact !== 'string' || typeof child.operator !== 'string') return null;
    if (isRecord(child.value)) return null;
    rows.push({ fact: child.fact, operator: child.operator, value: child.value });
  }
  return { combinator, rows };
}

/** What the value box shows: lists as comma-separated items. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** The value typed into the box: a number when it reads as one, a list for in/notIn. */
function parseValue(text: string, operator: string): unknown {
  const scalar = (s: string): number | string => {
    const trimmed = s.trim();
    return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  };
  if (operator === 'in' || operator === 'notIn') {
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map(scalar);
  }
  return scalar(text);
}

interface RuleConditionsFormProps {
  /** The document as parsed from the JSON editor (null when the JSON does not parse). */
  document: unknown;
  /** Called with the changed document; the JSON editor then shows it. */
  onChange: (document: Record<string, unknown>) => void;
  /** The facts rules may use, offered while typing a fact. */
  facts: readonly RuleFactDto[];
  disabled?: boolean;
}

/**
 * The form view of the common conditions: for each rule whose conditions are one `all`/`any` of comparisons, rows of
 * fact / operator / value. Anything more complex (nesting, `not`, fact references) stays in the JSON editor.
 */
export function RuleConditionsForm({ document, onChange, facts, disabled }: RuleConditionsFormProps) {
  const factOptions = facts.map((f) => ({ value: f.name, label: `${f.name} (${f.kind})`, title: f.description }));
  if (!isRecord(document) || !Array.isArray(document.rules)) {
    return (
      <Typography.Text type="secondary">
        The JSON does not parse as a rule set; fix it in the JSON view.
      </Typography.Text>
    );
  }
  const rules = document.rules as RuleJson[];
  const update = (index: number, rows: ConditionRow[], combinator: 'all' | 'any'): void => {
    const next = rules.map((rule, i) =>
      i === index
        ? {
            ...rule,
            conditions: { [combinator]: rows.map((r) => ({ fact: r.fact, operator: r.operator, value: r.value })) },
          }
        : rule,
    );
    onChange({ ...document, rules: next });
  };
  return (
    <Flex vertical gap="small">
      {rules.map((rule, index) => {
        const name = typeof rule.name === 'string' ? rule.name : `rule ${String(index + 1)}`;
        const simple = simpleConditions(rule.conditions);
        const params = rule.event?.params;
        return (
          <Card
            key={`${name}-${String(index)}`}
            size="small"
            title={name}
            extra={
              <Space>
                {typeof params?.action === 'string' && <Tag color="gold">{params.action}</Tag>}
                {typeof params?.weight === 'number' && <Tag>weight {params.weight}</Tag>}
              </Space>
            }
          >
            {simple === null ? (
              <Typography.Text type="secondary">Nested conditions: edit this rule in the JSON view.</Typography.Text>
            ) : (
              <Flex vertical gap="small" role="group" aria-label={`Conditions of ${name}`}>
                <Select
                  aria-label={`Combinator of ${name}`}
                  size="small"
                  style={{ width: 220 }}
                  disabled={disabled}
                  value={simple.combinator}
                  onChange={(combinator) => update(index, simple.rows, combinator)}
                  options={[
                    { value: 'all', label: 'All of these hold' },
                    { value: 'any', label: 'Any of these holds' },
                  ]}
                />
                {simple.rows.map((row, rowIndex) => {
                  const change = (patch: Partial<ConditionRow>): void =>
                    update(
                      index,
                      simple.rows.map((r, i) => (i === rowIndex ? { ...r, ...patch } : r)),
                      simple.combinator,
                    );
                  return (
                    <Space.Compact key={rowIndex} style={{ width: '100%' }}>
                      <AutoComplete
                        aria-label="Fact"
                        placeholder="fact, e.g. amount"
                        disabled={disabled}
                        value={row.fact}
                        options={factOptions}
                        filterOption={(input, option) =>
                          option?.value.toLowerCase().includes(input.toLowerCase()) ?? false
                        }
                        onChange={(fact: string) => change({ fact })}
                        style={{ width: '35%' }}
                      />
                      <Select
                        aria-label="Operator"
                        disabled={disabled}
                        value={row.operator}
                        onChange={(operator: string) =>
                          change({ operator, value: parseValue(valueText(row.value), operator) })
                        }
                        options={RULE_OPERATORS.map((o) => ({ value: o, label: o }))}
                        style={{ width: '30%' }}
                      />
                      <Input
                        aria-label="Value"
                        placeholder="value (lists: a, b, c)"
                        disabled={disabled}
                        value={valueText(row.value)}
                        onChange={(e) => change({ value: parseValue(e.target.value, row.operator) })}
                        style={{ width: '30%' }}
                      />
                      <Button
                        aria-label="Remove condition"
                        icon={<DeleteOutlined />}
                        disabled={disabled}
                        onClick={() =>
                          update(
                            index,
                            simple.rows.filter((_, i) => i !== rowIndex),
                            simple.combinator,
                          )
                        }
                      />
                    </Space.Compact>
                  );
                })}
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={disabled}
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() =>
                    update(
                      index,
                      [...simple.rows, { fact: 'amount', operator: 'greaterThan', value: 0 }],
                      simple.combinator,
                    )
                  }
                >
                  Add condition
                </Button>
              </Flex>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}
