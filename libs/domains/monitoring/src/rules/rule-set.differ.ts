import { create, type Delta } from 'jsondiffpatch';
import { rulePriority } from './rule-set.compiler.js';
import type { RuleDefinition, RuleSetDocument, RuleSetThresholds } from './rule-set.document.js';

/** A field of a rule that can change between versions. */
export type RuleField =
  'priority' | 'conditions' | 'event.type' | 'event.params.message' | 'event.params.action' | 'event.params.weight';

export interface RuleChange {
  name: string;
  /** The fields whose meaning changed (priority 1 and no priority are the same; so are weight 0 and no weight). */
  fields: RuleField[];
  before: RuleDefinition;
  after: RuleDefinition;
}

export interface RuleSetDiff {
  /** Names of rules only in the draft, in draft order. */
  added: string[];
  /** Names of rules only in the published version, in published order. */
  removed: string[];
  /** Rules in both whose meaning changed, in draft order. */
  changed: RuleChange[];
  /** How many rules are in both and unchanged. */
  unchanged: number;
  /** The thresholds before and after, or null when they are the same. */
  thresholds: { before: RuleSetThresholds | null; after: RuleSetThresholds } | null;
  /** jsondiffpatch's delta from the published document to the draft (rules matched by name), undefined if equal. */
  delta: Delta | undefined;
}

const differ = create({
  // Rules are matched by name so that inserting a rule does not show every following rule as changed.
  objectHash: (item, index) => {
    const name = (item as { name?: unknown }).name;
    return typeof name === 'string' ? `rule:${name}` : `$index:${String(index)}`;
  },
  arrays: { detectMove: true, includeValueOnMove: false },
});

/** What a draft changes against the published rule set (null when nothing is published yet). */
export function diffRuleSets(published: RuleSetDocument | null, draft: RuleSetDocument): RuleSetDiff {
  const before = new Map((published?.rules ?? []).map((rule) => [rule.name, rule]));
  const after = new Set(draft.rules.map((rule) => rule.name));
  const changed: RuleChange[] = [];
  const added: string[] = [];
  let unchanged = 0;
  for (const rule of draft.rules) {
    const old = before.get(rule.name);
    if (!old) {
      added.push(rule.name);
      continue;
    }
    const fields = changedFields(old, rule);
    if (fields.length === 0) unchanged++;
    else changed.push({ name: rule.name, fields, before: old, after: rule });
  }
  const removed = (published?.rules ?? []).map((rule) => rule.name).filter((name) => !after.has(name));

  const thresholdsBefore = published?.thresholds ?? null;
  const thresholdsChanged =
    thresholdsBefore === null ||
    thresholdsBefore.review !== draft.thresholds.review ||
    thresholdsBefore.block !== draft.thresholds.block;

  return {
    added,
    removed,
    changed,
    unchanged,
    thresholds: thresholdsChanged ? { before: thresholdsBefore, after: { ...draft.thresholds } } : null,
    delta: differ.diff(published ?? {}, draft),
  };
}

function changedFields(before: RuleDefinition, after: RuleDefinition): RuleField[] {
  const fields: RuleField[] = [];
  if (rulePriority(before) !== rulePriority(after)) fields.push('priority');
  if (canonical(before.conditions) !== canonical(after.conditions)) fields.push('conditions');
  if (before.event.type !== after.event.type) fields.push('event.type');
  const [p, q] = [before.event.params, after.event.params];
  if (p.message !== q.message) fields.push('event.params.message');
  if (p.action !== q.action) fields.push('event.params.action');
  if ((p.weight ?? 0) !== (q.weight ?? 0)) fields.push('event.params.weight');
  return fields;
}

/** JSON with object keys sorted, so that key order does not count as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
