export { MonitoringError, type MonitoringErrorCode } from './monitoring.errors.js';
export { MonitoringModule } from './monitoring.module.js';
export { MonitoringHttpModule } from './monitoring.http.module.js';
export { MonitoringJobsModule } from './monitoring.jobs.module.js';
export {
  monitoringBacktestQueue,
  monitoringQueue,
  type MonitoringBacktestJobs,
  type MonitoringJobs,
} from './monitoring.queue.js';
export { FEATURES, MODEL_FEATURES, type FeatureDefinition, type FeatureVector } from './feature/feature.schema.js';
export {
  DEFAULT_FEATURE_CONFIG,
  FEATURE_WINDOWS_MS,
  countryRisk,
  deriveFeatures,
  emptyAggregates,
  isNearThreshold,
  modelInput,
  type FeatureAggregates,
  type FeatureConfig,
  type FeatureInput,
  type FeatureWindow,
  type KycRiskRating,
  type WindowAggregate,
} from './feature/feature.deriver.js';
export { PublishedConfigReader, type ActiveModel, type PublishedRuleSet } from './rule-set/published-config.reader.js';
export {
  RULE_OPERATORS,
  RULE_SET_LIMITS,
  isRuleFactReference,
  type FiredRule,
  type RuleAction,
  type RuleCondition,
  type RuleComparison,
  type RuleDefinition,
  type RuleEventParams,
  type RuleOperator,
  type RuleSetDocument,
  type RuleSetThresholds,
  type RuleTopLevelCondition,
  type RuleValue,
} from './rules/rule-set.document.js';
export { validateRuleSet, type RuleSetValidation, type RuleSetValidationError } from './rules/rule-set.validator.js';
export { compileRuleSet, type CompiledRuleSet, type RuleFacts } from './rules/rule-set.compiler.js';
export {
  createJsonRulesEngineEvaluator,
  evaluateWithJsonRulesEngine,
  type JsonRulesEngineEvaluator,
} from './rules/rule-set.reference.js';
export { diffRuleSets, type RuleChange, type RuleField, type RuleSetDiff } from './rules/rule-set.differ.js';
export { defaultAmlRuleSet } from './rules/default-rule-set.js';
export {
  RULE_SET_PUBLISH,
  RuleSetService,
  type DryRunSample,
  type RuleSetPublishContent,
  type RuleSetView,
} from './rule-set/rule-set.service.js';
export {
  RULE_SET_STATUSES,
  type RuleSetStatus,
  type RuleSetVersionEntity,
} from './rule-set/rule-set-version.entity.js';
export {
  MODEL_MAX_BYTES,
  MODEL_PROMOTE,
  ModelRegistryService,
  type ModelPromotionContent,
  type ModelUpload,
} from './model-registry/model-registry.service.js';
export { MODEL_STATUSES, type ModelStatus, type ModelVersionEntity } from './model-registry/model-version.entity.js';
export { BacktestService, type BacktestRequest } from './backtest/backtest.service.js';
export { BacktestJobService, type BacktestJobOutcome } from './backtest/backtest-job.service.js';
export type { BacktestEntity, BacktestStatus } from './backtest/backtest.entity.js';
export type { BacktestResult } from './backtest/backtest.result.js';
export { ModelScoreError, ModelScorer, type FeatureContribution, type ModelScore } from './model/model.scorer.js';
export {
  inspectModel,
  parseOnnxModel,
  type ModelInspection,
  type ModelKind,
  type ParsedModel,
} from './model/onnx-model.parser.js';
export {
  META_BASELINE,
  META_FEATURES,
  META_KIND,
  META_TREE_COVERS,
  MODEL_INPUT_NAME,
  buildLinearModel,
  buildTreeEnsembleModel,
  type ModelBuildOptions,
} from './model/onnx-model.builder.js';
export {
  DEFAULT_MODEL_EVALUATION_FILE,
  DEFAULT_MODEL_FILE,
  DEFAULT_MODEL_REPORT_FILE,
  monitoringModelsDir,
  readDefaultModel,
  type DefaultModel,
} from './model/default-model.reader.js';
export {
  DEFAULT_TRAINING,
  renderEvaluationMarkdown,
  trainMonitoringModel,
  type ModelEvaluationReport,
  type MonitoringModelTrainingOptions,
  type MonitoringModelTrainingResult,
} from './model/monitoring-model.trainer.js';
export {
  TYPOLOGIES,
  generateSyntheticDataset,
  generateSyntheticTransactions,
  type PlantedTypology,
  type SyntheticCustomer,
  type SyntheticDataset,
  type SyntheticOptions,
  type SyntheticTransaction,
  type Typology,
} from './synthetic/synthetic-transaction.generator.js';
export {
  FeatureAggregatesCalculator,
  computeFeatureAggregates,
  computeFeatureVectors,
  type AggregatableTransaction,
} from './synthetic/feature-aggregates.calculator.js';
export { renderFeaturesMarkdown } from './feature/feature.docs.js';
export { seedMonitoringDemo, type MonitoringDemoOutcome } from './rule-set/monitoring-demo.seeder.js';
export { ModelRegistryModule } from './model-registry/model-registry.module.js';
export {
  TransactionDecisionService,
  type IngestionAnswer,
  type IngestionCaller,
} from './decision/transaction-decision.service.js';
export { combineDecision, DEFAULT_THRESHOLDS, type CombinedDecision } from './decision/decision.combiner.js';
export { TransactionQueryService } from './transaction/transaction-query.service.js';
export { AccountTransactionReader, type AccountTransaction } from './transaction/account-transaction.reader.js';
export type { AccountPeriodQuery } from './transaction/account-transaction.repository.js';
export {
  TransactionFlowReader,
  type TransactionFlowFilter,
  type TransactionFlowRow,
  type TransactionGlanceRow,
} from './transaction/transaction-flow.reader.js';
export type { TransactionDetailDto } from './transaction/transaction.dto.js';
export {
  MonitoringAlertFeed,
  type MonitoringAlertFeedItem,
  type DecidedSourceItem,
  type TransactionAlertDisposition,
} from './alert/monitoring-alert.feed.js';
export type {
  DecisionReason,
  FeatureContribution as DecisionContribution,
  TransactionDecision,
} from './transaction/transaction.entity.js';
export type { AlertDisposition, AlertStatus } from './alert/alert.entity.js';
export { CounterpartyScreeningService } from './counterparty/counterparty-screening.service.js';
export { isPaymentCurrency, minorUnitDigits } from './transaction/transaction-field.validators.js';
