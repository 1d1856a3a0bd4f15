import { auditExportCommand } from './audit-export.command.js';
import { auditFsckCommand } from './audit-fsck.command.js';
import type { CliCommand } from './cli.command.js';
import { keysCreateCommand } from './keys.command.js';
import { modelImportCommand } from './model-import.command.js';
import { reportExamplesCommand, reportRenderCommand } from './report.command.js';
import { totpCommand } from './totp.command.js';
import { verifyPackCommand } from './verify-pack.command.js';
import { witnessCommand, witnessKeygenCommand } from './witness.command.js';

/** Every `verity` subcommand. A new command is a `<name>.command.ts` file in this folder, added here. */
export const commands: readonly CliCommand[] = [
  keysCreateCommand,
  totpCommand,
  witnessCommand,
  witnessKeygenCommand,
  verifyPackCommand,
  auditFsckCommand,
  auditExportCommand,
  modelImportCommand,
  reportRenderCommand,
  reportExamplesCommand,
];
