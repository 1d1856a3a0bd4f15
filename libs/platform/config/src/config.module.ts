import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app.config.js';
import { loadConfig } from './config.loader.js';

@Global()
@Module({})
export class ConfigModule {
  /** Validates process.env once at boot (or uses the given values, for tests) and provides AppConfig everywhere. */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => config ?? new AppConfig(loadConfig()) }],
      exports: [AppConfig],
    };
  }
}
