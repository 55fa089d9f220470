import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ort from "onnxruntime-node";
import type { ModelConfig, Provider, ResolvedEngineOptions } from "./config.ts";
import { ProviderUnavailableError, UnsupportedGraphError } from "./errors.ts";
import { ROW_COUPLED_OPS, type GraphFileInfo } from "./graph-file.ts";

/**
 * The CUDA provider is a separate shared library that onnxruntime-node's install script
 * downloads only with ONNXRUNTIME_NODE_INSTALL=cuda12; the binding lists 'cuda' either way.
 */
function cudaLibraryPresent(): boolean {
  const root = dirname(createRequire(import.meta.url).resolve("onnxruntime-node/package.json"));
  const dir = join(root, "bin", "napi-v6", process.platform, process.arch);
  const file = process.platform === "win32" ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
  return existsSync(join(dir, file));
}

/** Execution providers this onnxruntime-node install can load right now. */
export function availableProviders(): Provider[] {
  const out: Provider[] = [];
  for (const b of ort.listSupportedBackends()) {
    if (b.name === "cpu") out.push("cpu");
    if (b.name === "cuda" && (b.bundled || cudaLibraryPresent())) out.push("cuda");
  }
  return out;
}

export type KvDtype = "float32" | "float16";

/** How the graph's KV cache is laid out, read from its input names and the config. */
export type GraphLayout = {
  readonly numLayers: number;
  readonly numKvHeads: number;
  readonly headDim: number;
  readonly kvDtype: KvDtype;
  readonly hasPositionIds: boolean;
  readonly hasAttentionMask: boolean;
  /**
   * The graph's logits for a row depend on the other rows of the run (dynamic quantization):
   * verification must run the same steps as generation (prompt, then one token at a time).
   */
  readonly stepwiseVerify: boolean;
  /** [past input name, present output name] per cache tensor, built once */
  readonly kvNames: readonly (readonly [string, string])[];
};

/**
 * The graph's feeds, past_key_values included, owned by one generation or verification and
 * updated in place step by step (a fresh object per step is measurable on small models).
 */
export type KvCache = { readonly feeds: Record<string, ort.Tensor>; length: number };

export async function createSession(modelPath: string, options: ResolvedEngineOptions): Promise<ort.InferenceSession> {
  const available = availableProviders();
  if (!available.includes(options.provider)) {
    throw new ProviderUnavailableError(
      options.provider,
      available,
      "install onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12 on a CUDA 12 host",
    );
  }
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [options.provider],
    intraOpNumThreads: options.intraOpNumThreads,
    interOpNumThreads: options.interOpNumThreads,
    // Sequential execution: operator order never depends on thread scheduling.
    executionMode: "sequential",
    graphOptimizationLevel: options.graphOptimizationLevel,
    logSeverityLevel: 3,
  };
  try {
    return await ort.InferenceSession.create(modelPath, sessionOptions);
  } catch (e) {
    if (options.provider !== "cpu") {
      throw new ProviderUnavailableError(options.provider, availableProviders(), (e as Error).message);
    }
    throw e;
  }
}

const FED_INPUTS = new Set(["input_ids", "attention_mask", "position_ids"]);

/**
 * Reads the cache layout from the graph itself: the past_key_values.N.key/value inputs and
 * present.N.key/value outputs, their element type, and their head count and head size where
 * the graph fixes them (Optimum and transformers.js exports do). config.json only fills in
 * dimensions the graph leaves symbolic.
 */
export function readLayout(session: ort.InferenceSession, config: ModelConfig, graph: GraphFileInfo): GraphLayout {
  const inputs = new Set(session.inputNames);
  const outputs = new Set(session.outputNames);
  if (!inputs.has("input_ids")) throw new UnsupportedGraphError("no input_ids input");
  if (!outputs.has("logits")) throw new UnsupportedGraphError("no logits output");
  let numLayers = 0;
  while (inputs.has(`past_key_values.${numLayers}.key`)) numLayers++;
  if (numLayers === 0)
    throw new UnsupportedGraphError('no past_key_values.N.key inputs: export the model with a KV cache ("with past")');
  if (numLayers !== config.numLayers) {
    throw new UnsupportedGraphError(`graph has ${numLayers} KV layers, config.json says ${config.numLayers}`);
  }
  for (let l = 0; l < numLayers; l++) {
    for (const k of ["key", "value"]) {
      if (!inputs.has(`past_key_values.${l}.${k}`))
        throw new UnsupportedGraphError(`missing input past_key_values.${l}.${k}`);
      if (!outputs.has(`present.${l}.${k}`)) throw new UnsupportedGraphError(`missing output present.${l}.${k}`);
    }
  }
  for (const name of inputs) {
    if (!FED_INPUTS.has(name) && !/^past_key_values\.\d+\.(key|value)$/.test(name))
      throw new UnsupportedGraphError(
        `input ${name} is not one the engine feeds (input_ids, attention_mask, position_ids, past_key_values.N.key/value)`,
      );
  }
  let kvDtype: KvDtype = "float32";
  let numKvHeads = config.numKvHeads;
  let headDim = config.headDim;
  const meta = session.inputMetadata.find((m) => m.name === "past_key_values.0.key");
  if (meta?.isTensor) {
    if (meta.type === "float16") kvDtype = "float16";
    else if (meta.type !== "float32") throw new UnsupportedGraphError(`KV cache of type ${meta.type}`);
    const [, heads, , dim] = meta.shape;
    if (typeof heads === "number") numKvHeads = heads;
    if (typeof dim === "number") headDim = dim;
  }
  if (!Number.isInteger(headDim) || headDim <= 0)
    throw new UnsupportedGraphError(
      `head size ${headDim} from config.json is not an integer and the graph does not fix it`,
    );
  const kvNames: [string, string][] = [];
  for (let l = 0; l < numLayers; l++) {
    kvNames.push(
      [`past_key_values.${l}.key`, `present.${l}.key`],
      [`past_key_values.${l}.value`, `present.${l}.value`],
    );
  }
  return {
    numLayers,
    numKvHeads,
    headDim,
    kvDtype,
    hasPositionIds: inputs.has("position_ids"),
    hasAttentionMask: inputs.has("attention_mask"),
    stepwiseVerify: ROW_COUPLED_OPS.some((op) => graph.opTypes.has(op)),
    kvNames,
  };
}

export function emptyCache(layout: GraphLayout): KvCache {
  const feeds: Record<string, ort.Tensor> = {};
  const dims = [1, layout.numKvHeads, 0, layout.headDim];
  for (const [past] of layout.kvNames) {
    feeds[past] =
      layout.kvDtype === "float16"
        ? new ort.Tensor("float16", new Uint16Array(0), dims)
        : new ort.Tensor("float32", new Float32Array(0), dims);
  }
  return { feeds, length: 0 };
}

const toInt64 = (values: readonly number[]) => {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]!);
  return out;
};

function logitsAsFloat32(t: ort.Tensor): Float32Array {
  if (t.type === "float32") return t.data as Float32Array;
  if (t.type === "float16") {
    const data = t.data;
    // Node 24 has Float16Array; onnxruntime may hand back either view of the same bits.
    if (data instanceof Float16Array) return Float32Array.from(data);
    return Float32Array.from(
      new Float16Array((data as Uint16Array).buffer, (data as Uint16Array).byteOffset, (data as Uint16Array).length),
    );
  }
  throw new UnsupportedGraphError(`logits of type ${t.type}`);
}

/**
 * A float16 tensor that onnxruntime-node can read as an input. On Node 24 (native
 * Float16Array) onnxruntime-common stores float16 data as a Float16Array, even when given a
 * Uint16Array, and onnxruntime-node 1.30's binding reads a Float16Array as zero bytes ("not
 * enough space: expected N, got 0"). The same bits behind a Uint16Array are read correctly, so
 * the tensor's storage is swapped for that view. Outputs (the KV cache fed back) go through here.
 */
export function float16Input(t: ort.Tensor): ort.Tensor {
  const d = t.data as Uint16Array | Float16Array;
  const bits = d instanceof Uint16Array ? d : new Uint16Array(d.buffer, d.byteOffset, d.length);
  const out = new ort.Tensor("float16", bits, t.dims);
  (out as unknown as { cpuData: Uint16Array }).cpuData = bits;
  return out;
}

export type ForwardResult = {
  /** rows x vocab logits, row i for input token i */
  readonly logits: Float32Array;
  readonly rows: number;
};

/** One run of the graph over `ids`, appended after `cache`; the cache then holds the new state. */
export async function forward(
  session: ort.InferenceSession,
  layout: GraphLayout,
  ids: readonly number[],
  cache: KvCache,
): Promise<ForwardResult> {
  const n = ids.length;
  const total = cache.length + n;
  const feeds = cache.feeds;
  feeds.input_ids = new ort.Tensor("int64", toInt64(ids), [1, n]);
  if (layout.hasAttentionMask)
    feeds.attention_mask = new ort.Tensor("int64", new BigInt64Array(total).fill(1n), [1, total]);
  if (layout.hasPositionIds) {
    const pos = new BigInt64Array(n);
    for (let i = 0; i < n; i++) pos[i] = BigInt(cache.length + i);
    feeds.position_ids = new ort.Tensor("int64", pos, [1, n]);
  }
  const out = await session.run(feeds);
  if (layout.kvDtype === "float16") {
    for (const [past, present] of layout.kvNames) feeds[past] = float16Input(out[present]!);
  } else for (const [past, present] of layout.kvNames) feeds[past] = out[present]!;
  cache.length = total;
  return { logits: logitsAsFloat32(out.logits!), rows: n };
}
