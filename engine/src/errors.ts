// Every failure the engine can report is a class of its own, carrying the values that
// caused it, so callers (worker daemon, validator, tests) branch on `instanceof`, never on
// message text.

export class EngineError extends Error {
  override name = "EngineError";
}

/** A file listed in the manifest is missing, or its bytes do not hash to the listed sha256. */
export class ModelFileMismatchError extends EngineError {
  override name = "ModelFileMismatchError";
  readonly file: string;
  readonly expectedSha256: string;
  readonly actualSha256: string | null;
  constructor(file: string, expectedSha256: string, actualSha256: string | null) {
    super(
      actualSha256 === null
        ? `model file ${file} is missing (manifest sha256 ${expectedSha256})`
        : `model file ${file} does not match the manifest: expected sha256 ${expectedSha256}, got ${actualSha256}`,
    );
    this.file = file;
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }
}

/** The folder has no usable manifest, or the manifest leaves out a file the engine reads. */
export class InvalidManifestError extends EngineError {
  override name = "InvalidManifestError";
  readonly dir: string;
  readonly reason: string;
  constructor(dir: string, reason: string) {
    super(`invalid model manifest in ${dir}: ${reason}`);
    this.dir = dir;
    this.reason = reason;
  }
}

/** A JSON file of the model folder does not have the shape the engine needs. */
export class InvalidModelConfigError extends EngineError {
  override name = "InvalidModelConfigError";
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`invalid ${file}: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/** The requested onnxruntime execution provider is not installed on this host. */
export class ProviderUnavailableError extends EngineError {
  override name = "ProviderUnavailableError";
  readonly provider: string;
  readonly available: readonly string[];
  constructor(provider: string, available: readonly string[], detail?: string) {
    super(
      `execution provider "${provider}" is not available here (available: ${available.join(", ") || "none"})` +
        (detail ? `: ${detail}` : ""),
    );
    this.provider = provider;
    this.available = available;
  }
}

/** The graph's inputs/outputs do not follow the transformers.js causal-LM naming. */
export class UnsupportedGraphError extends EngineError {
  override name = "UnsupportedGraphError";
  readonly reason: string;
  constructor(reason: string) {
    super(`unsupported ONNX graph: ${reason}`);
    this.reason = reason;
  }
}

/** The prompt plus the requested output does not fit the model's context window. */
export class ContextOverflowError extends EngineError {
  override name = "ContextOverflowError";
  readonly promptTokens: number;
  readonly maxTokens: number;
  readonly contextLength: number;
  constructor(promptTokens: number, maxTokens: number, contextLength: number) {
    super(`prompt of ${promptTokens} tokens plus ${maxTokens} output tokens exceeds the context of ${contextLength}`);
    this.promptTokens = promptTokens;
    this.maxTokens = maxTokens;
    this.contextLength = contextLength;
  }
}

/** The chat template could not be rendered (none configured, or the template raised). */
export class ChatTemplateError extends EngineError {
  override name = "ChatTemplateError";
  readonly reason: string;
  constructor(reason: string) {
    super(`chat template: ${reason}`);
    this.reason = reason;
  }
}

/** Generation was cancelled through its AbortSignal; carries what was produced so far. */
export class GenerationAbortedError extends EngineError {
  override name = "GenerationAbortedError";
  readonly outputTokens: number;
  constructor(outputTokens: number) {
    super(`generation aborted after ${outputTokens} output tokens`);
    this.outputTokens = outputTokens;
  }
}
