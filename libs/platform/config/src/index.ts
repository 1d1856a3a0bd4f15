export { AppConfig } from './app.config.js';
export { ConfigModule } from './config.module.js';
export { ConfigError, loadConfig, redactConfig } from './config.loader.js';
export { configVariables, type AppConfigValues, type ConfigVariableName } from './config.schema.js';
export { renderEnvExample } from './env-example.writer.js';
export { loadDotEnv, projectRoot } from './project.root.js';
