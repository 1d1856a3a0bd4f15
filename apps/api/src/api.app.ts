import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '@platform/config';
import { configureHttpApp } from '@platform/http';
import { ApiModule } from './api.module.js';

export interface ApiAppOptions {
  readonly config?: AppConfig;
  /** Build the app without instantiating providers (OpenAPI generation needs no database). */
  readonly preview?: boolean;
}

/** Creates the configured (not yet listening) api application. */
export async function createApiApp(options: ApiAppOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? new AppConfig(loadConfig());
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), {
    bodyParser: false,
    bufferLogs: true,
    preview: options.preview ?? false,
    abortOnError: false,
  });
  if (!options.preview) app.useLogger(app.get(Logger));
  configureHttpApp(app, config);
  return app;
}

/** Listens on HOST:PORT, turning "port in use" into one clear sentence instead of a stack trace. */
export async function listenApi(app: NestExpressApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen(config.values.PORT, config.values.HOST);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${config.values.PORT} on ${config.values.HOST} is already in use: stop the other process or set PORT`,
        {
          cause: error,
        },
      );
    }
    if (code === 'EACCES') {
      throw new Error(`Not allowed to listen on port ${config.values.PORT}: choose a port above 1024 with PORT`, {
        cause: error,
      });
    }
    throw error;
  }
}
