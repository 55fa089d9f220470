import {
  computeCommitment,
  FINGERPRINT_SCALE,
  FINGERPRINT_TOP_K,
  FINGERPRINT_VERSION,
  fingerprintLength,
  hashFingerprint,
  InvalidFingerprintError,
  assertFingerprintData,
  quantizeLogit,
  type FingerprintData,
} from "@infergrid/sdk/commitment";
import type ort from "onnxruntime-node";
import { join, posix } from "node:path";
import type { Hex } from "viem";
import { z } from "zod";
import {
  engineOptionsSchema,
  generationConfigSchema,
  modelConfigSchema,
  readJsonFile,
  type EngineOptions,
  type ModelConfig,
  type ResolvedEngineOptions,
} from "./config.ts";
import {
  ContextOverflowError,
  GenerationAbortedError,
  InvalidManifestError,
  InvalidModelConfigError,
} from "./errors.ts";
import { inspectGraphFile } from "./graph-file.ts";
import { manifestHash, readManifest, verifyModelFolder, type Manifest } from "./manifest.ts";
import { checkRule, chooseToken, isGreedy, samplingKey, top4Into, topKOf, type SamplingParams } from "./sampling.ts";
import { createSession, emptyCache, forward, readLayout, type GraphLayout, type KvCache } from "./session.ts";
import { loadTokenizer, type LoadedTokenizer, type Prompt } from "./tokenizer.ts";

/**
 * Default verification tolerance, in logits (per entry, worker vs verifier). Measured honest
 * noise on the CPU provider (KV-cached generation vs one teacher-forced pass, graph
 * optimisation 'all' vs 'disabled', 1 vs 2 threads) is 8.6e-6; cross-hardware fp32 noise (GPU
 * kernels, TF32) is expected around 1e-3..1e-2. 0.05 covers that with margin, while a wrong
 * token, another prompt or other weights move logits by whole units. See engine/README.md.
 */
export const DEFAULT_TOLERANCE = 0.05;

const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "0x-prefixed 32-byte hex") as unknown as z.ZodType<Hex>;

const samplingFields = {
  temperature: z.number().min(0).max(100).default(0),
  topK: z.number().int().min(0).default(0),
  topP: z.number().gt(0).max(1).default(1),
};

const stopSchema = z.array(z.string().min(1)).max(16).default([]);

export const generateRequestSchema = z
  .object({
    jobId: bytes32,
    maxTokens: z.number().int().min(1),
    stop: stopSchema,
    ...samplingFields,
  })
  .loose();

export const verifyParamsSchema = z
  .object({
    jobId: bytes32,
    maxTokens: z.number().int().min(1),
    stop: stopSchema,
    ...samplingFields,
    tolerance: z.number().min(0).max(100).default(DEFAULT_TOLERANCE),
    /** when given, the published fingerprint data must hash to it */
    fingerprintHash: bytes32.optional(),
    /** when given, the result must reproduce this on-chain commitment */
    commitment: bytes32.optional(),
  })
  .strict();

export type TokenEvent = { readonly index: number; readonly id: number; readonly text: string };

export type GenerateRequest = z.input<typeof generateRequestSchema> & {
  readonly prompt: Prompt;
  /** Called per token; a returned promise is awaited (backpressure, pacing) before the next step. */
  readonly onToken?: (event: TokenEvent) => void | Promise<void>;
  readonly signal?: AbortSignal;
};

export type FinishReason = "eos" | "stop" | "length";

export type GenerateResult = {
  readonly jobId: Hex;
  readonly modelHash: Hex;
  readonly inputIds: readonly number[];
  readonly outputIds: readonly number[];
  /** decoded output, without a final end-of-sequence token, cut before a matched stop sequence */
  readonly text: string;
  /** billed input tokens: the prompt as tokenized (template included) */
  readonly inputTokens: number;
  /** billed output tokens: every generated token, the end-of-sequence token included */
  readonly outputTokens: number;
  readonly finishReason: FinishReason;
  readonly fingerprint: FingerprintData;
  readonly fingerprintHash: Hex;
  readonly commitment: Hex;
};

export type VerifyParams = z.input<typeof verifyParamsSchema>;

export type RejectReason =
  | "invalid_fingerprint"
  | "fingerprint_hash"
  | "commitment"
  | "fingerprint_length"
  | "invalid_token"
  | "too_many_tokens"
  | "continued_after_stop"
  | "not_terminated"
  | "fingerprint_mismatch"
  | "decoding_rule";

export type Verdict =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly position: number; readonly reason: RejectReason; readonly detail: string };

export type Model = {
  readonly dir: string;
  readonly manifest: Manifest;
  /** bytes32 registered on chain: keccak256 of the canonical manifest */
  readonly modelHash: Hex;
  readonly config: ModelConfig;
  readonly layout: GraphLayout;
  readonly tokenizer: LoadedTokenizer;
  readonly options: ResolvedEngineOptions;
  readonly session: ort.InferenceSession;
  readonly eosTokenIds: ReadonlySet<number>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  verify(
    prompt: Prompt,
    outputIds: readonly number[],
    fingerprint: FingerprintData,
    params: VerifyParams,
  ): Promise<Verdict>;
  close(): Promise<void>;
};

/** Loads a model folder after checking every file against its manifest. Reads nothing remote. */
export async function loadModel(dir: string, options: EngineOptions = {}): Promise<Model> {
  const opts = engineOptionsSchema.parse(options);
  const { manifest, modelHash } = opts.skipFileCheck
    ? await readManifest(dir).then((m) => ({ manifest: m, modelHash: manifestHash(m) }))
    : await verifyModelFolder(dir);
  const config = await readJsonFile(dir, "config.json", modelConfigSchema);
  const generationConfig = await readJsonFile(dir, "generation_config.json", generationConfigSchema);
  const tokenizer = await loadTokenizer(dir);
  const graphPath = join(dir, "onnx", "model.onnx");
  const graph = await inspectGraphFile(graphPath);
  // onnxruntime reads external weight files named inside model.onnx; each must be a file the
  // manifest (and so the model hash) covers, inside the folder.
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const location of graph.externalDataFiles) {
    const path = posix.normalize(posix.join("onnx", location.replaceAll("\\", "/")));
    if (posix.isAbsolute(location) || path.startsWith("../") || !listed.has(path))
      throw new InvalidManifestError(
        dir,
        `onnx/model.onnx reads external data ${location}, which the manifest does not list`,
      );
  }
  const session = await createSession(graphPath, opts);
  const layout = readLayout(session, config, graph);

  const eos = new Set<number>(config.eosTokenIds);
  const genEos = generationConfig.eos_token_id;
  if (genEos != null) for (const id of Array.isArray(genEos) ? genEos : [genEos]) eos.add(id);
  const eosToken = tokenizer.config.eos_token;
  const eosString = eosToken == null ? undefined : typeof eosToken === "string" ? eosToken : eosToken.content;
  if (eosString !== undefined) {
    const id = tokenizer.tokenizer.token_to_id(eosString);
    if (id !== undefined) eos.add(id);
  }
  if (eos.size === 0)
    throw new InvalidModelConfigError("generation_config.json", "no eos_token_id anywhere in the model folder");

  const model: Model = {
    dir,
    manifest,
    modelHash,
    config,
    layout,
    tokenizer,
    options: opts,
    session,
    eosTokenIds: eos,
    generate: (request) => generate(model, request),
    verify: (prompt, outputIds, fingerprint, params) => verify(model, prompt, outputIds, fingerprint, params),
    close: () => session.release(),
  };
  return model;
}

function firstStop(text: string, stop: readonly string[]): number {
  let at = -1;
  for (const s of stop) {
    const i = text.indexOf(s);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  return at;
}

/** Length of the longest suffix of `text` that starts some stop sequence (held back while streaming). */
function pendingStopPrefix(text: string, stop: readonly string[]): number {
  let hold = 0;
  for (const s of stop) {
    for (let len = Math.min(s.length - 1, text.length); len > hold; len--) {
      if (text.endsWith(s.slice(0, len))) {
        hold = len;
        break;
      }
    }
  }
  return hold;
}

function row(logits: Float32Array, vocab: number, i: number): Float32Array {
  return logits.subarray(i * vocab, (i + 1) * vocab);
}

function vocabOf(result: { logits: Float32Array; rows: number }): number {
  const v = result.logits.length / result.rows;
  if (!Number.isInteger(v))
    throw new InvalidModelConfigError(
      "config.json",
      `logits of length ${result.logits.length} for ${result.rows} rows`,
    );
  return v;
}

export async function generate(model: Model, request: GenerateRequest): Promise<GenerateResult> {
  const req = generateRequestSchema.parse(request);
  const params: SamplingParams = { temperature: req.temperature, topK: req.topK, topP: req.topP };
  const key = isGreedy(params) ? null : samplingKey(req.jobId);
  const { onToken, signal } = request;
  const inputIds = model.tokenizer.promptIds(request.prompt);
  if (inputIds.length === 0) throw new ContextOverflowError(0, req.maxTokens, model.config.contextLength);
  if (inputIds.length + req.maxTokens > model.config.contextLength) {
    throw new ContextOverflowError(inputIds.length, req.maxTokens, model.config.contextLength);
  }
  const needText = onToken !== undefined || req.stop.length > 0;

  const outputIds: number[] = [];
  // Filled in place, one row of 4 per token; turned into the published arrays once at the end.
  const fpIds = new Uint32Array(req.maxTokens * FINGERPRINT_TOP_K);
  const fpValues = new Float64Array(req.maxTokens * FINGERPRINT_TOP_K);
  let finishReason: FinishReason = "length";
  let emitted = "";
  let stopAt = -1;

  if (signal?.aborted) throw new GenerationAbortedError(0);
  const cache: KvCache = emptyCache(model.layout);
  const first = await forward(model.session, model.layout, inputIds, cache);
  let logits = row(first.logits, vocabOf(first), first.rows - 1);
  for (;;) {
    const at = outputIds.length * FINGERPRINT_TOP_K;
    top4Into(logits, fpIds, fpValues, at);
    // Greedy is the top-1 of the fingerprint scan (same tie rule as argmax): one pass over the vocabulary.
    const token = key === null ? fpIds[at]! : chooseToken(logits, params, key, outputIds.length);
    outputIds.push(token);
    const isEos = model.eosTokenIds.has(token);
    let text = "";
    if (needText && !isEos) {
      text = model.tokenizer.decode(outputIds);
      stopAt = req.stop.length > 0 ? firstStop(text, req.stop) : -1;
    } else if (isEos && onToken) text = model.tokenizer.decode(outputIds.slice(0, -1));
    if (isEos) finishReason = "eos";
    else if (stopAt !== -1) finishReason = "stop";
    const last = isEos || stopAt !== -1 || outputIds.length >= req.maxTokens;
    if (onToken) {
      let visible: string;
      if (isEos) visible = text;
      else if (stopAt !== -1) visible = text.slice(0, stopAt);
      else if (last) visible = text;
      else {
        // Hold back a partial UTF-8 character and anything that may start a stop sequence;
        // the last token's event releases whatever is still held.
        visible = text.slice(0, text.length - pendingStopPrefix(text, req.stop));
        if (visible.endsWith("\uFFFD")) visible = visible.slice(0, -1);
      }
      const delta = visible.length > emitted.length && visible.startsWith(emitted) ? visible.slice(emitted.length) : "";
      if (delta) emitted = visible;
      const pending = onToken({ index: outputIds.length - 1, id: token, text: delta });
      if (pending) await pending;
    }
    if (last) break;
    if (signal?.aborted) throw new GenerationAbortedError(outputIds.length);
    logits = (await forward(model.session, model.layout, [token], cache)).logits;
  }

  const textIds = finishReason === "eos" ? outputIds.slice(0, -1) : outputIds;
  let text = model.tokenizer.decode(textIds);
  if (req.stop.length > 0) {
    const at = firstStop(text, req.stop);
    if (at !== -1) text = text.slice(0, at);
  }
  const entries = outputIds.length * FINGERPRINT_TOP_K;
  const q = new Array<number>(entries);
  for (let e = 0; e < entries; e++) q[e] = quantizeLogit(fpValues[e]!, FINGERPRINT_SCALE);
  const fingerprint: FingerprintData = {
    version: FINGERPRINT_VERSION,
    topK: FINGERPRINT_TOP_K,
    scale: FINGERPRINT_SCALE,
    ids: Array.from(fpIds.subarray(0, entries)),
    q,
  };
  const fingerprintHash = hashFingerprint(fingerprint);
  return {
    jobId: req.jobId,
    modelHash: model.modelHash,
    inputIds,
    outputIds,
    text,
    inputTokens: inputIds.length,
    outputTokens: outputIds.length,
    finishReason,
    fingerprint,
    fingerprintHash,
    commitment: computeCommitment({
      jobId: req.jobId,
      modelHash: model.modelHash,
      outputTokenIds: outputIds,
      fingerprint: fingerprintHash,
    }),
  };
}

const reject = (position: number, reason: RejectReason, detail: string): Verdict => ({
  accepted: false,
  position,
  reason,
  detail,
});

/**
 * Checks the published top-k of output position `i` against the verifier's own logits, whose
 * top-4 (`ownIds`/`ownValues`, from the same single scan the greedy check uses) is given.
 */
function checkFingerprintPosition(
  own: Float32Array,
  ownIds: Uint32Array,
  fp: FingerprintData,
  i: number,
  tol: number,
): string | null {
  const { topK: k, scale } = fp;
  const bound = tol + 0.5 / scale;
  const base = i * k;
  for (let j = 0; j < k; j++) {
    const id = fp.ids[base + j]!;
    if (id >= own.length) return `token id ${id} outside the vocabulary`;
    const diff = Math.abs(own[id]! - fp.q[base + j]! / scale);
    if (diff > bound) return `logit of token ${id} differs by ${diff.toFixed(4)} (bound ${bound.toFixed(4)})`;
  }
  // The published entries must really be the top-k: no other token may be clearly above the lowest.
  const floor = fp.q[base + k - 1]! / scale + bound;
  const top = k === FINGERPRINT_TOP_K ? Array.from(ownIds) : topKOf(own, k).ids;
  for (const id of top) {
    let listed = false;
    for (let j = 0; j < k; j++) if (fp.ids[base + j] === id) listed = true;
    if (!listed && own[id]! > floor)
      return `token ${id} (logit ${own[id]!.toFixed(4)}) is missing from the published top-${k}`;
  }
  return null;
}

/**
 * One-pass verification: a single teacher-forced forward over prompt + output (chunked only
 * to bound memory), then per output position the fingerprint check and the decoding rule.
 */
export async function verify(
  model: Model,
  prompt: Prompt,
  outputIds: readonly number[],
  fingerprint: FingerprintData,
  params: VerifyParams,
): Promise<Verdict> {
  const p = verifyParamsSchema.parse(params);
  const n = outputIds.length;
  try {
    assertFingerprintData(fingerprint);
  } catch (e) {
    if (e instanceof InvalidFingerprintError) return reject(e.position ?? 0, "invalid_fingerprint", e.message);
    throw e;
  }
  const fpHash = hashFingerprint(fingerprint);
  if (p.fingerprintHash !== undefined && fpHash.toLowerCase() !== p.fingerprintHash.toLowerCase()) {
    return reject(0, "fingerprint_hash", `published data hashes to ${fpHash}, expected ${p.fingerprintHash}`);
  }
  if (p.commitment !== undefined) {
    if (outputIds.some((id) => !Number.isInteger(id) || id < 0 || id > 0xffffffff))
      return reject(0, "invalid_token", "output ids are not uint32");
    const c = computeCommitment({
      jobId: p.jobId,
      modelHash: model.modelHash,
      outputTokenIds: outputIds,
      fingerprint: fpHash,
    });
    if (c.toLowerCase() !== p.commitment.toLowerCase())
      return reject(0, "commitment", `result commits to ${c}, expected ${p.commitment}`);
  }
  const fpPositions = fingerprintLength(fingerprint);
  if (fpPositions !== n) {
    return reject(
      Math.min(n, fpPositions),
      "fingerprint_length",
      `${n} output tokens but ${fpPositions} fingerprint positions`,
    );
  }
  const vocab = model.config.vocabSize;
  for (let i = 0; i < n; i++) {
    const id = outputIds[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= vocab)
      return reject(i, "invalid_token", `token id ${id} outside the vocabulary of ${vocab}`);
  }
  if (n > p.maxTokens) return reject(p.maxTokens, "too_many_tokens", `${n} output tokens, max ${p.maxTokens}`);

  // Termination, checked without the model: the output must end exactly where generation stops.
  for (let i = 0; i + 1 < n; i++) {
    if (model.eosTokenIds.has(outputIds[i]!))
      return reject(i + 1, "continued_after_stop", `output continues after end-of-sequence token at ${i}`);
    if (p.stop.length > 0 && firstStop(model.tokenizer.decode(outputIds.slice(0, i + 1)), p.stop) !== -1) {
      return reject(i + 1, "continued_after_stop", `output continues after a stop sequence completed at ${i}`);
    }
  }
  const last = outputIds[n - 1];
  const terminated =
    last !== undefined &&
    (model.eosTokenIds.has(last) ||
      n === p.maxTokens ||
      (p.stop.length > 0 && firstStop(model.tokenizer.decode(outputIds), p.stop) !== -1));
  if (!terminated)
    return reject(
      n,
      "not_terminated",
      `output of ${n} tokens ends without end-of-sequence, stop sequence or max tokens (${p.maxTokens})`,
    );

  const inputIds = model.tokenizer.promptIds(prompt);
  if (inputIds.length === 0 || inputIds.length + n > model.config.contextLength) {
    throw new ContextOverflowError(inputIds.length, n, model.config.contextLength);
  }
  const sequence = [...inputIds, ...outputIds.slice(0, -1)];
  const firstRow = inputIds.length - 1;
  const sampling: SamplingParams = { temperature: p.temperature, topK: p.topK, topP: p.topP };
  const key = isGreedy(sampling) ? null : samplingKey(p.jobId);

  const ownIds = new Uint32Array(FINGERPRINT_TOP_K);
  const ownValues = new Float64Array(FINGERPRINT_TOP_K);
  const cache = emptyCache(model.layout);
  // One pass in chunks; or, for graphs whose rows depend on each other (dynamic quantization),
  // the generation's own steps: the prompt at once, then one token at a time.
  const chunkEnds: number[] = [];
  if (model.layout.stepwiseVerify) for (let end = inputIds.length; end <= sequence.length; end++) chunkEnds.push(end);
  else
    for (let start = 0; start < sequence.length; start += model.options.verifyChunkSize)
      chunkEnds.push(Math.min(sequence.length, start + model.options.verifyChunkSize));
  let start = 0;
  for (const end of chunkEnds) {
    const chunk = sequence.slice(start, end);
    const res = await forward(model.session, model.layout, chunk, cache);
    const v = vocabOf(res);
    for (let r = Math.max(0, firstRow - start); r < res.rows; r++) {
      const i = start + r - firstRow;
      const own = row(res.logits, v, r);
      top4Into(own, ownIds, ownValues, 0);
      const fpError = checkFingerprintPosition(own, ownIds, fingerprint, i, p.tolerance);
      if (fpError !== null) return reject(i, "fingerprint_mismatch", fpError);
      const token = outputIds[i]!;
      if (key === null) {
        // greedy: the same rule as checkRule, on the max from the scan above
        const gap = ownValues[0]! - own[token]!;
        if (gap > 2 * p.tolerance)
          return reject(
            i,
            "decoding_rule",
            `token ${token} is ${gap.toFixed(4)} below the max logit (bound ${2 * p.tolerance})`,
          );
        continue;
      }
      const rule = checkRule(own, token, sampling, key, i, p.tolerance);
      if (!rule.ok) return reject(i, "decoding_rule", rule.detail);
    }
    start = end;
  }
  return { accepted: true };
}
