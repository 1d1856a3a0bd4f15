import { ApiProperty } from '@nestjs/swagger';

export class ThresholdPointDto {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Null when no adjudicated hit scores at or above the threshold. */
  @ApiProperty({ type: Number, nullable: true })
  precision: number | null;
  /** Over adjudicated hits only; null without any true match. */
  @ApiProperty({ type: Number, nullable: true })
  recall: number | null;
  @ApiProperty({ type: Number, nullable: true })
  f1: number | null;
}

export class ListTuningDto {
  /** A list source, or `all`. */
  listSource: string;
  adjudicated: number;
  trueMatches: number;
  falsePositives: number;
  @ApiProperty({ type: [ThresholdPointDto] })
  points: ThresholdPointDto[];
  /** The threshold with the best F1 (the highest on a tie); null without any true match. */
  @ApiProperty({ type: Number, nullable: true })
  suggestedThreshold: number | null;
}

export class TuningReportDto {
  /** Per list source, then `all`. */
  @ApiProperty({ type: [ListTuningDto] })
  lists: ListTuningDto[];
  /** How to read it. */
  note: string;
}
