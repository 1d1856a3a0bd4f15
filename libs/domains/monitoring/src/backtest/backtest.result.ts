/** A decision as the real-time path makes it. */
export type Decision = 'allow' | 'review' | 'block';

/** How one rule set (with its model scores) decided the replayed transactions. */
export interface BacktestArmSummary {
  readonly ruleSetId: string | null;
  readonly version: number | null;
  /** Transactions it would have sent to review or blocked: the alerts it would have raised. */
  readonly alerts: number;
  readonly reviews: number;
  readonly blocks: number;
  /** Against alert dispositions, over the labelled transactions only; null without any. */
  readonly precision: number | null;
  readonly recall: number | null;
}

export interface BacktestChange {
  readonly transactionId: string;
  readonly externalId: string;
  readonly bookedAt: string;
  readonly published: Decision;
  readonly draft: Decision;
  readonly publishedScore: number;
  readonly draftScore: number;
}

export interface ThresholdSuggestion {
  readonly review: number;
  readonly reason: 'max_f1' | 'alert_volume';
  /** Alerts the draft would raise with this review threshold. */
  readonly alerts: number;
  readonly f1: number | null;
}

/** The outcome of a completed backtest (stored as JSON on the row). */
export interface BacktestResult {
  readonly transactions: number;
  /** Transactions whose alert has a disposition (true or false positive). */
  readonly labelled: number;
  readonly published: BacktestArmSummary;
  readonly draft: BacktestArmSummary;
  /** The draft scored with the shadow model instead of the champion, when one was asked for. */
  readonly draftWithShadow: (BacktestArmSummary & { readonly modelId: string }) | null;
  readonly changedCount: number;
  /** The first changes (at most 500), oldest first. */
  readonly changes: BacktestChange[];
  /** Draft combined scores in ten buckets of 0.1 (the last includes 1), for the histogram. */
  readonly scoreHistogram: number[];
  readonly suggestions: ThresholdSuggestion[];
}
