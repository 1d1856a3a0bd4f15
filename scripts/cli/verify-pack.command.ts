import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EVIDENCE_PACK_FAILURE_DESCRIPTIONS, EvidencePackVerifier, type EvidencePackReport } from '@domains/audit';
import { CliUsageError, type CliCommand } from './cli.command.js';

const usage = `usage: verity verify-pack PATH [--json] [--keys FILE] [--witness-quorum N]

Verifies an audit evidence pack offline, as its verify.html does in a browser: every file's SHA-256 against
manifest.json, the log's signature on checkpoint.txt and the witness cosignatures (at least the pack's quorum),
each entry's leaf, payload hash and inclusion proof, and that the anchor receipts are for this checkpoint.
Prints the checkpoint and the entries verified and erased and exits 0, or prints the first failure with its code
(evidence/...) and exits 1.

  --json               print the whole report as JSON instead
  --keys FILE          trust only the keys in FILE (keys.txt format: "# log", log keys, "# witness", witness keys)
                       instead of the pack's own keys.txt
  --witness-quorum N   require at least N witness cosignatures, even if the pack asks for fewer`;

/** Where the command writes; the CLI passes the console, tests a recorder. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        json: { type: 'boolean', default: false },
        keys: { type: 'string' },
        'witness-quorum': { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** `verity verify-pack PATH`: the command-line twin of the pack's verify.html. */
export class VerifyPackCommand implements CliCommand {
  readonly path = ['verify-pack'];
  readonly summary = 'verify an audit evidence pack offline (hashes, signatures, witnesses, proofs, anchors)';
  readonly usage = usage;

  constructor(
    private readonly output: CommandOutput = console,
    private readonly verifier: EvidencePackVerifier = new EvidencePackVerifier(),
  ) {}

  async run(args: readonly string[]): Promise<number> {
    const { values, positionals } = parse(args);
    if (positionals.length !== 1) throw new CliUsageError('give exactly one PATH, the pack folder');
    const [directory] = positionals;
    const quorumText = values['witness-quorum'];
    const minWitnessQuorum = quorumText === undefined ? 0 : Number(quorumText);
    if (!Number.isSafeInteger(minWitnessQuorum) || minWitnessQuorum < 0) {
      throw new CliUsageError(`--witness-quorum ${quorumText} is not a non-negative integer`);
    }
    const trustedKeys = values.keys === undefined ? undefined : await this.readKeys(values.keys);

    let report: EvidencePackReport;
    try {
      report = await this.verifier.verifyDirectory(directory, { trustedKeys, minWitnessQuorum });
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EACCES') throw error;
      this.output.error(`verity verify-pack: cannot read the pack folder ${directory} (${code})`);
      return 1;
    }

    if (values.json) this.output.log(JSON.stringify(report, null, 2));
    else this.print(directory, report, values.keys);
    return report.ok ? 0 : 1;
  }

  private async readKeys(path: string): Promise<string> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new CliUsageError(`--keys ${path} cannot be read (${errorCode(error) ?? String(error)})`);
    }
  }

  private print(directory: string, report: EvidencePackReport, keysFile: string | undefined): void {
    const { summary, checkpoint, failure } = report;
    const lines = [`${report.ok ? 'Verified' : 'NOT VERIFIED'}: evidence pack ${directory}`];
    if (checkpoint !== undefined) {
      const witnesses = checkpoint.witnessCosignatures.map(({ key }) => key);
      lines.push(
        `  log         ${checkpoint.origin}`,
        `  checkpoint  tree size ${checkpoint.size}, root hash ${checkpoint.rootHash}`,
        `  signed by   ${checkpoint.logSignatures.join(', ')}`,
        `  witnesses   ${witnesses.length} cosigned, ${checkpoint.witnessQuorum} required${witnesses.length > 0 ? `: ${witnesses.join(', ')}` : ''}`,
        `  keys        ${keysFile === undefined ? "the pack's keys.txt: compare them with the log's published keys" : keysFile}`,
      );
    }
    if (checkpoint !== undefined && (report.ok || summary.entries > 0)) {
      lines.push(
        `  entries     ${summary.entries}: ${summary.verified} verified, ${summary.erased} erased${summary.failed > 0 ? `, ${summary.failed} failed` : ''}`,
        `  anchors     ${summary.anchorsVerified} verified, ${summary.anchorsUnchecked} of a kind not checkable offline`,
      );
    }
    this.output.log(lines.join('\n'));
    if (failure !== undefined) {
      this.output.error(`${failure.code}: ${failure.message}\n${EVIDENCE_PACK_FAILURE_DESCRIPTIONS[failure.code]}`);
    }
  }
}

export const verifyPackCommand = new VerifyPackCommand();
