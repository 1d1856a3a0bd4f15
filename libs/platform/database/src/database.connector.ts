import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { pendingMigrationNames } from './migration.runner.js';

/**
 * Connects in the background with capped exponential backoff, so an api whose database is down still starts,
 * answers /health/ready with the reason, and recovers by itself instead of crash-looping.
 */
@Injectable()
export class DatabaseConnector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private stopped = false;
  private lastError: string | undefined;
  private connecting: Promise<void> | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.connecting = this.connectWithBackoff();
  }

  get isConnected(): boolean {
    return this.dataSource.isInitialized;
  }

  /** Resolves once connected (used by start-up paths that must not continue without a database). */
  async whenConnected(): Promise<void> {
    this.connecting ??= this.connectWithBackoff();
    await this.connecting;
  }

  private async connectWithBackoff(): Promise<void> {
    let delay = 250;
    while (!this.stopped && !this.dataSource.isInitialized) {
      try {
        await this.dataSource.initialize();
        this.lastError = undefined;
        this.logger.log('connected to PostgreSQL');
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(`PostgreSQL unreachable (${this.lastError}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  async status(): Promise<{ up: boolean; error?: string; pendingMigrations: string[] }> {
    if (!this.dataSource.isInitialized) {
      return { up: false, error: this.lastError ?? 'connecting', pendingMigrations: [] };
    }
    try {
      await this.dataSource.query('SELECT 1');
      return { up: true, pendingMigrations: await pendingMigrationNames(this.dataSource) };
    } catch (error) {
      return { up: false, error: error instanceof Error ? error.message : String(error), pendingMigrations: [] };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
