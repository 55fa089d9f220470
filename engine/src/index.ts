export * from "./errors.ts";
export * from "./manifest.ts";
export {
  engineOptionsSchema,
  PROVIDERS,
  type EngineOptions,
  type ModelConfig,
  type Provider,
  type ResolvedEngineOptions,
} from "./config.ts";
export {
  createTokenizer,
  loadTokenizer,
  formatDate,
  DEFAULT_TEMPLATE_DATE,
  type ChatMessage,
  type LoadedTokenizer,
  type Prompt,
} from "./tokenizer.ts";
export { availableProviders, type GraphLayout } from "./session.ts";
export {
  GREEDY,
  chooseToken,
  checkRule,
  gumbelAt,
  samplingKey,
  top4,
  top4Into,
  topKOf,
  uniformAt,
  type SamplingParams,
} from "./sampling.ts";
export {
  DEFAULT_TOLERANCE,
  generate,
  generateRequestSchema,
  loadModel,
  verify,
  verifyParamsSchema,
  type FinishReason,
  type GenerateRequest,
  type GenerateResult,
  type Model,
  type RejectReason,
  type TokenEvent,
  type Verdict,
  type VerifyParams,
} from "./model.ts";
