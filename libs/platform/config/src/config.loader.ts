import {
  configSchema,
  configVariables,
  crossVariableProblems,
  type AppConfigValues,
  type ConfigVariableName,
} from './config.schema.js';

/** Thrown when the environment does not satisfy the schema; the message lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Validates the environment against the one schema; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfigValues {
  const input: Record<string, string | undefined> = {};
  for (const name of Object.keys(configVariables)) {
    const raw = env[name];
    input[name] = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }
  const parsed = configSchema.safeParse(input);
  const crossProblems = crossVariableProblems(input);
  if (!parsed.success || crossProblems.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const problems = issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const variable = configVariables[name as ConfigVariableName] as { secret?: boolean } | undefined;
      // A secret's value is never echoed back, even when it is wrong.
      const shown = variable?.secret || input[name] === undefined ? '' : ` (got ${JSON.stringify(input[name])})`;
      const message = issue.code === 'invalid_type' && input[name] === undefined ? 'is required' : issue.message;
      return `${name} ${message}${shown}`;
    });
    throw new ConfigError([...problems, ...crossProblems]);
  }
  return parsed.data as AppConfigValues;
}

/** The configuration with every secret replaced, safe to log. */
export function redactConfig(values: AppConfigValues): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const variable = configVariables[name as ConfigVariableName] as { secret?: boolean };
      return [name, variable.secret && value !== undefined ? '[secret]' : value];
    }),
  );
}
