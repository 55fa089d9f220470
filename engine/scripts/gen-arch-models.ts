// Generates tiny random-weight causal LMs of the architectures that users serve (Llama 3.1,
// Qwen2.5, Qwen3, Phi-3, Gemma, Mistral, SmolLM2) as Hugging Face Optimum / transformers.js
// export them: onnx/model.onnx with input_ids, attention_mask, [position_ids],
// past_key_values.N.key/value in, logits and present.N.key/value out, fixed head counts and
// head sizes in the cache shapes, each family's config.json, generation_config.json,
// tokenizer.json (see tiny-tokenizers.ts) and tokenizer_config.json with its real chat template
// (chat-templates.json). The graphs compute what transformers' modeling code computes for each
// family (RMSNorm, rotary embeddings with Llama 3.1's rope_scaling, grouped-query attention,
// q/k/v biases, q/k norms, fused projections, scaled embeddings, sliding-window masks), so a
// wrong position id, cache layout or mask shows up as other tokens.
//
// Variants, as the Hub ships them next to each other: fp32 or fp16 weights (fp16 cache and
// logits), int8 (dynamic quantization: DynamicQuantizeLinear + MatMulInteger, transformers.js
// "q8") or q4 (MatMulNBits, transformers.js "q4") linear layers, weights in an external data
// file (model.onnx_data), position_ids as an input or derived inside the graph.
//
// Deterministic: same arguments, same bytes (integer PRNG, no timestamps).
//
//   node scripts/gen-arch-models.ts --out DIR [--arch llama3,qwen2,...] [--dtype fp16] [--quant q4]
//        [--external-data] [--no-position-ids] [--seed 1]

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";
import { buildManifest, formatManifest, MANIFEST_FILE, manifestHash } from "../src/manifest.ts";
import chatTemplates from "./chat-templates.json" with { type: "json" };
import { addedTokensDecoder, buildTokenizer, type BuiltTokenizer, type TinyTokenizerSpec } from "./tiny-tokenizers.ts";

const { onnx } = onnxProto;

export const ARCHS = ["llama3", "qwen2", "qwen3", "phi3", "gemma", "mistral", "smollm"] as const;
export type Arch = (typeof ARCHS)[number];

export type Variant = {
  readonly dtype: "fp32" | "fp16";
  readonly quant: "none" | "int8" | "q4";
  readonly externalData: boolean;
  readonly positionIds: boolean;
  /** an extra int64 input the graph declares (and ignores), for tests of unsupported graphs */
  readonly extraInput?: string;
};

export const DEFAULT_VARIANT: Variant = { dtype: "fp32", quant: "none", externalData: false, positionIds: true };

type RopeScaling = {
  readonly rope_type: "llama3";
  readonly factor: number;
  readonly low_freq_factor: number;
  readonly high_freq_factor: number;
  readonly original_max_position_embeddings: number;
};

type ArchSpec = {
  readonly architecture: string;
  readonly modelType: string;
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly intermediate: number;
  readonly maxPositions: number;
  readonly ropeTheta: number;
  readonly ropeScaling: RopeScaling | null;
  readonly rmsEps: number;
  readonly qkvBias: boolean;
  readonly qkNorm: boolean;
  readonly fused: boolean;
  readonly tied: boolean;
  readonly gemma: boolean;
  readonly slidingWindow: number | null;
  readonly tokenizer: TinyTokenizerSpec;
  /** tokenizer_config.json special tokens */
  readonly bos: string | null;
  readonly eos: string;
  readonly pad: string | null;
  readonly unk: string | null;
  /** eos ids in config.json / generation_config.json, by token */
  readonly configEos: readonly string[];
  readonly generationEos: readonly string[];
  readonly extraConfig: Record<string, unknown>;
  readonly extraTokenizerConfig: Record<string, unknown>;
};

const LLAMA3_SPECIALS = [
  "<|begin_of_text|>",
  "<|end_of_text|>",
  "<|reserved_special_token_0|>",
  "<|reserved_special_token_1|>",
  "<|finetune_right_pad_id|>",
  "<|reserved_special_token_2|>",
  "<|start_header_id|>",
  "<|end_header_id|>",
  "<|eom_id|>",
  "<|eot_id|>",
  "<|python_tag|>",
].map((content) => ({ content }));

const QWEN_SPECIALS = [
  { content: "<|endoftext|>" },
  { content: "<|im_start|>" },
  { content: "<|im_end|>" },
  { content: "<|object_ref_start|>" },
  { content: "<|object_ref_end|>" },
  { content: "<tool_call>", special: false },
  { content: "</tool_call>", special: false },
];

const QWEN3_SPECIALS = [
  ...QWEN_SPECIALS,
  { content: "<tool_response>", special: false },
  { content: "</tool_response>", special: false },
  { content: "<think>", special: false },
  { content: "</think>", special: false },
];

const PHI3_CHAT = [
  { content: "<|endoftext|>" },
  { content: "<|assistant|>" },
  { content: "<|placeholder1|>" },
  { content: "<|placeholder2|>" },
  { content: "<|placeholder3|>" },
  { content: "<|placeholder4|>" },
  { content: "<|system|>" },
  { content: "<|end|>" },
  { content: "<|placeholder5|>" },
  { content: "<|placeholder6|>" },
  { content: "<|user|>" },
];

const SP_BASE = [{ content: "<unk>" }, { content: "<s>" }, { content: "</s>" }];

const llamaLike = {
  qkvBias: false,
  qkNorm: false,
  fused: false,
  gemma: false,
  slidingWindow: null,
  ropeScaling: null,
  extraConfig: {},
  extraTokenizerConfig: {},
} as const;

/**
 * Shapes are small (hidden 64-96, 2 layers, vocabulary ~700) yet keep each family's
 * proportions that matter to a runtime: kv heads < heads, head_dim != hidden/heads where
 * the family allows it, tied or untied head. Dimensions are multiples of 32 for q4 blocks.
 */
export const SPECS: Record<Arch, ArchSpec> = {
  llama3: {
    ...llamaLike,
    architecture: "LlamaForCausalLM",
    modelType: "llama",
    hidden: 64,
    layers: 2,
    heads: 4,
    kvHeads: 2,
    headDim: 16,
    intermediate: 128,
    maxPositions: 131072,
    ropeTheta: 500000,
    ropeScaling: {
      rope_type: "llama3",
      factor: 8,
      low_freq_factor: 1,
      high_freq_factor: 4,
      original_max_position_embeddings: 8192,
    },
    rmsEps: 1e-5,
    tied: false,
    tokenizer: {
      style: "llama3",
      vocabSize: 704,
      leadingSpecials: [],
      trailingSpecials: LLAMA3_SPECIALS,
      bosToken: "<|begin_of_text|>",
    },
    bos: "<|begin_of_text|>",
    eos: "<|eot_id|>",
    pad: null,
    unk: null,
    configEos: ["<|end_of_text|>", "<|eom_id|>", "<|eot_id|>"],
    generationEos: ["<|end_of_text|>", "<|eom_id|>", "<|eot_id|>"],
  },
  qwen2: {
    ...llamaLike,
    architecture: "Qwen2ForCausalLM",
    modelType: "qwen2",
    hidden: 64,
    layers: 2,
    heads: 4,
    kvHeads: 2,
    headDim: 16,
    intermediate: 128,
    maxPositions: 32768,
    ropeTheta: 1000000,
    rmsEps: 1e-6,
    qkvBias: true,
    tied: true,
    extraConfig: { use_sliding_window: false, sliding_window: 32768, max_window_layers: 2 },
    tokenizer: { style: "qwen2", vocabSize: 704, leadingSpecials: [], trailingSpecials: QWEN_SPECIALS, bosToken: null },
    bos: null,
    eos: "<|im_end|>",
    pad: "<|endoftext|>",
    unk: null,
    configEos: ["<|im_end|>"],
    generationEos: ["<|im_end|>", "<|endoftext|>"],
  },
  qwen3: {
    ...llamaLike,
    architecture: "Qwen3ForCausalLM",
    modelType: "qwen3",
    hidden: 64,
    layers: 2,
    heads: 4,
    kvHeads: 2,
    headDim: 32,
    intermediate: 128,
    maxPositions: 40960,
    ropeTheta: 1000000,
    rmsEps: 1e-6,
    qkNorm: true,
    tied: true,
    extraConfig: { attention_bias: false, use_sliding_window: false, sliding_window: null, max_window_layers: 2 },
    tokenizer: {
      style: "qwen2",
      vocabSize: 704,
      leadingSpecials: [],
      trailingSpecials: QWEN3_SPECIALS,
      bosToken: null,
    },
    bos: null,
    eos: "<|im_end|>",
    pad: "<|endoftext|>",
    unk: null,
    configEos: ["<|im_end|>"],
    generationEos: ["<|im_end|>", "<|endoftext|>"],
  },
  phi3: {
    ...llamaLike,
    architecture: "Phi3ForCausalLM",
    modelType: "phi3",
    hidden: 64,
    layers: 2,
    heads: 4,
    kvHeads: 4,
    headDim: 16,
    intermediate: 128,
    maxPositions: 4096,
    ropeTheta: 10000,
    rmsEps: 1e-5,
    fused: true,
    tied: false,
    extraConfig: { original_max_position_embeddings: 4096, partial_rotary_factor: 1.0, sliding_window: 2047 },
    extraTokenizerConfig: { add_bos_token: false, add_eos_token: false, legacy: false },
    tokenizer: {
      style: "llama2-sp",
      vocabSize: 704,
      leadingSpecials: SP_BASE,
      trailingSpecials: PHI3_CHAT,
      bosToken: null,
    },
    bos: "<s>",
    eos: "<|endoftext|>",
    pad: "<|endoftext|>",
    unk: "<unk>",
    configEos: ["<|endoftext|>"],
    generationEos: ["<|endoftext|>", "<|assistant|>", "<|end|>"],
  },
  gemma: {
    ...llamaLike,
    architecture: "GemmaForCausalLM",
    modelType: "gemma",
    hidden: 64,
    layers: 2,
    heads: 4,
    kvHeads: 1,
    headDim: 32,
    intermediate: 128,
    maxPositions: 8192,
    ropeTheta: 10000,
    rmsEps: 1e-6,
    gemma: true,
    tied: true,
    extraConfig: { hidden_act: "gelu_pytorch_tanh", hidden_activation: "gelu_pytorch_tanh" },
    extraTokenizerConfig: { add_bos_token: true, add_eos_token: false },
    tokenizer: {
      style: "gemma-sp",
      vocabSize: 704,
      leadingSpecials: [
        { content: "<pad>" },
        { content: "<eos>" },
        { content: "<bos>" },
        { content: "<unk>" },
        { content: "<start_of_turn>" },
        { content: "<end_of_turn>" },
      ],
      trailingSpecials: [],
      bosToken: "<bos>",
    },
    bos: "<bos>",
    eos: "<eos>",
    pad: "<pad>",
    unk: "<unk>",
    configEos: ["<eos>"],
    generationEos: ["<eos>", "<end_of_turn>"],
  },
  mistral: {
    ...llamaLike,
    architecture: "MistralForCausalLM",
    modelType: "mistral",
    hidden: 64,
    layers: 2,
    heads: 4,
    kvHeads: 2,
    headDim: 16,
    intermediate: 128,
    maxPositions: 32768,
    ropeTheta: 1000000,
    rmsEps: 1e-5,
    tied: false,
    // Mistral 7B v0.1 attends over a sliding window of 4096; a window this short makes the
    // tests' sequences cross it.
    slidingWindow: 12,
    extraTokenizerConfig: { add_bos_token: true, add_eos_token: false, legacy: true },
    tokenizer: { style: "llama2-sp", vocabSize: 704, leadingSpecials: SP_BASE, trailingSpecials: [], bosToken: "<s>" },
    bos: "<s>",
    eos: "</s>",
    pad: null,
    unk: "<unk>",
    configEos: ["</s>"],
    generationEos: ["</s>"],
  },
  smollm: {
    ...llamaLike,
    architecture: "LlamaForCausalLM",
    modelType: "llama",
    hidden: 96,
    layers: 2,
    heads: 6,
    kvHeads: 2,
    headDim: 16,
    intermediate: 160,
    maxPositions: 8192,
    ropeTheta: 100000,
    rmsEps: 1e-5,
    tied: true,
    tokenizer: {
      style: "gpt2",
      vocabSize: 704,
      leadingSpecials: [
        { content: "<|endoftext|>" },
        { content: "<|im_start|>" },
        { content: "<|im_end|>" },
        { content: "<repo_name>" },
        { content: "<reponame>" },
        { content: "<file_sep>" },
      ],
      trailingSpecials: [],
      bosToken: null,
    },
    bos: "<|im_start|>",
    eos: "<|im_end|>",
    pad: "<|im_end|>",
    unk: "<|endoftext|>",
    configEos: ["<|im_end|>"],
    generationEos: ["<|im_end|>"],
  },
};

// --- deterministic randomness ---------------------------------------------------------

function makeRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
}

function normals(rng: () => number, count: number, std: number, mean = 0): Float32Array {
  const out = new Float32Array(count);
  const k = Math.sqrt(3) * std;
  for (let i = 0; i < count; i++) out[i] = mean + (rng() + rng() + rng() + rng() - 2) * k;
  return out;
}

// --- rotary embedding frequencies (transformers' modeling_rope_utils) ------------------

export function inverseFrequencies(spec: Pick<ArchSpec, "headDim" | "ropeTheta" | "ropeScaling">): Float64Array {
  const half = spec.headDim / 2;
  const inv = new Float64Array(half);
  for (let i = 0; i < half; i++) inv[i] = 1 / spec.ropeTheta ** ((2 * i) / spec.headDim);
  const s = spec.ropeScaling;
  if (s?.rope_type === "llama3") {
    const lowWavelen = s.original_max_position_embeddings / s.low_freq_factor;
    const highWavelen = s.original_max_position_embeddings / s.high_freq_factor;
    for (let i = 0; i < half; i++) {
      const wavelen = (2 * Math.PI) / inv[i]!;
      if (wavelen > lowWavelen) inv[i] = inv[i]! / s.factor;
      else if (wavelen >= highWavelen) {
        const smooth =
          (s.original_max_position_embeddings / wavelen - s.low_freq_factor) / (s.high_freq_factor - s.low_freq_factor);
        inv[i] = (1 - smooth) * (inv[i]! / s.factor) + smooth * inv[i]!;
      }
    }
  }
  return inv;
}

// --- ONNX graph -----------------------------------------------------------------------

type Node = OnnxTypes.INodeProto;
type Attribute = OnnxTypes.IAttributeProto;
const DT = onnx.TensorProto.DataType;
const EXTERNAL_FILE = "model.onnx_data";

type Built = { model: Uint8Array; externalData: Uint8Array | null };

function buildGraph(spec: ArchSpec, vocab: number, variant: Variant, seed: number): Built {
  const { hidden: E, layers: L, heads: H, kvHeads: KV, headDim: D, intermediate: I } = spec;
  const nRep = H / KV;
  const half = D / 2;
  const fp16 = variant.dtype === "fp16";
  const T = fp16 ? DT.FLOAT16 : DT.FLOAT;
  if (variant.quant === "int8" && fp16) throw new Error("int8 dynamic quantization needs fp32 activations");
  const rng = makeRng(seed);
  const nodes: Node[] = [];
  const inits: OnnxTypes.ITensorProto[] = [];
  const external: Uint8Array[] = [];
  let externalLength = 0;
  let counter = 0;
  const fresh = (hint: string) => `${hint}_${counter++}`;
  const node = (
    opType: string,
    input: string[],
    output: string[] | string,
    attribute: Attribute[] = [],
    domain = "",
  ): string => {
    const outs = typeof output === "string" ? [output] : output;
    nodes.push({ opType, input, output: outs, name: `${opType}_${nodes.length}`, attribute, domain });
    return outs[0]!;
  };
  const op = (opType: string, input: string[], attribute: Attribute[] = [], domain = "") =>
    node(opType, input, fresh(opType.toLowerCase()), attribute, domain);
  const attrInt = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const attrInts = (name: string, ints: number[]) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });

  const addInit = (name: string, dims: number[], dataType: number, bytes: Uint8Array) => {
    // Optimum moves every tensor of 1 KiB or more out of the graph when saving external data.
    if (variant.externalData && bytes.byteLength >= 1024) {
      const pad = (64 - (externalLength % 64)) % 64;
      if (pad) {
        external.push(new Uint8Array(pad));
        externalLength += pad;
      }
      inits.push({
        name,
        dims,
        dataType,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [
          { key: "location", value: EXTERNAL_FILE },
          { key: "offset", value: String(externalLength) },
          { key: "length", value: String(bytes.byteLength) },
        ],
      });
      external.push(bytes);
      externalLength += bytes.byteLength;
    } else inits.push({ name, dims, dataType, rawData: bytes });
    return name;
  };
  const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  /** A float tensor in the graph's dtype. */
  const floatInit = (name: string, dims: number[], data: Float32Array) =>
    addInit(name, dims, T, bytesOf(fp16 ? Float16Array.from(data) : data));
  const f32Init = (name: string, dims: number[], data: Float32Array) => addInit(name, dims, DT.FLOAT, bytesOf(data));
  const int64Init = (name: string, values: number[], dims: number[] = [values.length]) =>
    addInit(name, dims, DT.INT64, bytesOf(new BigInt64Array(values.map((v) => BigInt(v)))));
  const scalar = (name: string, v: number) => floatInit(name, [], new Float32Array([v]));

  const c = {
    zero: scalar("c_zero", 0),
    // The most negative finite value of the dtype, as transformers' masks use.
    neg: scalar("c_neg", fp16 ? -65504 : -3.4028234663852886e38),
    one: scalar("c_one", 1),
    half: scalar("c_half", 0.5),
    eps: f32Init("c_eps", [], new Float32Array([spec.rmsEps])),
    scale: scalar("c_scale", 1 / Math.sqrt(D)),
    geluK: scalar("c_gelu_k", Math.sqrt(2 / Math.PI)),
    geluC: scalar("c_gelu_c", 0.044715),
    i0: int64Init("c_i0", [0], []),
    i1: int64Init("c_i1", [1], []),
    i2: int64Init("c_i2", [2], []),
    ax0: int64Init("c_axes0", [0]),
    ax1: int64Init("c_axes1", [1]),
    ax2: int64Init("c_axes2", [2]),
    ax3: int64Init("c_axes3", [3]),
    ax_1: int64Init("c_axes_last", [-1]),
    halfStart: int64Init("c_half_start", [0]),
    halfMid: int64Init("c_half_mid", [half]),
    halfEnd: int64Init("c_half_end", [D]),
    qShape: int64Init("c_q_shape", [0, 0, H, D]),
    kvShape: int64Init("c_kv_shape", [0, 0, KV, D]),
    mergeShape: int64Init("c_merge_shape", [0, 0, H * D]),
    repeat: int64Init("c_repeat", [1, 1, nRep, 1, 1]),
    repShape: int64Init("c_rep_shape", [0, H, -1, D]),
  };
  const toFloat = (x: string) => (fp16 ? op("Cast", [x], [attrInt("to", DT.FLOAT)]) : x);
  const toT = (x: string) => (fp16 ? op("Cast", [x], [attrInt("to", DT.FLOAT16)]) : x);

  // --- positions: position_ids, or past length + 0..n-1 inside the graph ---
  let positions: string;
  if (variant.positionIds) positions = "position_ids";
  else {
    const past = op("Gather", [op("Shape", ["past_key_values.0.key"]), c.i2], [attrInt("axis", 0)]);
    const seq = op("Gather", [op("Shape", ["input_ids"]), c.i1], [attrInt("axis", 0)]);
    positions = op("Unsqueeze", [op("Range", [past, op("Add", [past, seq]), c.i1]), c.ax0]);
  }

  // --- attention bias [B, 1, S, T]: key j visible from query position p when j <= p, the
  // attention mask allows j, and (sliding window) p - j < window ---
  const total = op("Gather", [op("Shape", ["attention_mask"]), c.i1], [attrInt("axis", 0)]);
  const keyPos = op("Range", [c.i0, total, c.i1]);
  const queryPos = op("Unsqueeze", [positions, c.ax2]);
  let allowed = op("LessOrEqual", [keyPos, queryPos]);
  if (spec.slidingWindow !== null) {
    const lowest = op("Sub", [queryPos, int64Init("c_window", [spec.slidingWindow], [])]);
    allowed = op("And", [allowed, op("Greater", [keyPos, lowest])]);
  }
  const maskRow = op("Unsqueeze", [op("Cast", ["attention_mask"], [attrInt("to", DT.BOOL)]), c.ax1]);
  allowed = op("And", [allowed, maskRow]);
  const bias = op("Unsqueeze", [op("Where", [allowed, c.zero, c.neg]), c.ax1]);

  // --- rotary tables [B, 1, S, D], computed in fp32 as transformers does ---
  const inv = inverseFrequencies(spec);
  const invName = f32Init("rotary.inv_freq", [half], Float32Array.from(inv));
  const freqs = op("Mul", [op("Unsqueeze", [op("Cast", [positions], [attrInt("to", DT.FLOAT)]), c.ax2]), invName]);
  const emb = op("Concat", [freqs, freqs], [attrInt("axis", -1)]);
  const cos = toT(op("Unsqueeze", [op("Cos", [emb]), c.ax1]));
  const sin = toT(op("Unsqueeze", [op("Sin", [emb]), c.ax1]));
  const rope = (x: string) => {
    const x1 = op("Slice", [x, c.halfStart, c.halfMid, c.ax3]);
    const x2 = op("Slice", [x, c.halfMid, c.halfEnd, c.ax3]);
    const rotated = op("Concat", [op("Neg", [x2]), x1], [attrInt("axis", 3)]);
    return op("Add", [op("Mul", [x, cos]), op("Mul", [rotated, sin])]);
  };

  const rmsNorm = (x: string, name: string, dim: number, gain = 1) => {
    // Gemma stores w and scales by (1 + w); the others store w around 1.
    const w = spec.gemma ? normals(rng, dim, 0.1, gain - 1) : normals(rng, dim, 0.1, gain);
    const weight = spec.gemma ? f32Init(name, [dim], w) : floatInit(name, [dim], w);
    const xf = toFloat(x);
    const variance = op("ReduceMean", [op("Mul", [xf, xf])], [attrInts("axes", [-1]), attrInt("keepdims", 1)]);
    const normed = op("Mul", [xf, op("Reciprocal", [op("Sqrt", [op("Add", [variance, c.eps])])])]);
    if (spec.gemma)
      return toT(op("Mul", [normed, op("Add", [weight, f32Init(`${name}.one`, [], new Float32Array([1]))])]));
    return op("Mul", [weight, toT(normed)]);
  };

  const linear = (x: string, name: string, nIn: number, nOut: number, withBias = false) => {
    const w = normals(rng, nIn * nOut, 1 / Math.sqrt(nIn));
    let y: string;
    if (variant.quant === "int8") y = matMulInt8(x, name, w, nIn, nOut);
    else if (variant.quant === "q4") y = matMulQ4(x, name, w, nIn, nOut);
    else y = op("MatMul", [x, floatInit(`${name}.weight`, [nIn, nOut], w)]);
    return withBias ? op("Add", [y, floatInit(`${name}.bias`, [nOut], normals(rng, nOut, 0.1))]) : y;
  };

  /** onnxruntime's quantize_dynamic: uint8 activations, int8 per-tensor symmetric weights. */
  const matMulInt8 = (x: string, name: string, w: Float32Array, nIn: number, nOut: number) => {
    let max = 0;
    for (const v of w) max = Math.max(max, Math.abs(v));
    const scale = max / 127;
    const q = new Int8Array(w.length);
    for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / scale)));
    const wq = addInit(`${name}.weight_quantized`, [nIn, nOut], DT.INT8, bytesOf(q));
    const wScale = f32Init(`${name}.weight_scale`, [], new Float32Array([scale]));
    const wZero = addInit(`${name}.weight_zero_point`, [], DT.INT8, new Uint8Array(1));
    const [xq, xScale, xZero] = [fresh("xq"), fresh("x_scale"), fresh("x_zero")];
    node("DynamicQuantizeLinear", [x], [xq, xScale, xZero]);
    const acc = op("MatMulInteger", [xq, wq, xZero, wZero]);
    return op("Mul", [op("Cast", [acc], [attrInt("to", DT.FLOAT)]), op("Mul", [xScale, wScale])]);
  };

  /** MatMulNBits (com.microsoft): 4-bit blocks of 32 along K, symmetric (zero point 8). */
  const matMulQ4 = (x: string, name: string, w: Float32Array, nIn: number, nOut: number) => {
    const block = 32;
    if (nIn % block !== 0) throw new Error(`q4 needs K divisible by ${block}, got ${nIn}`);
    const blocks = nIn / block;
    const packed = new Uint8Array(nOut * blocks * (block / 2));
    const scales = new Float32Array(nOut * blocks);
    for (let n = 0; n < nOut; n++) {
      for (let b = 0; b < blocks; b++) {
        let max = 0;
        for (let k = b * block; k < (b + 1) * block; k++) max = Math.max(max, Math.abs(w[k * nOut + n]!));
        const scale = max / 7 || 1;
        scales[n * blocks + b] = scale;
        for (let j = 0; j < block; j += 2) {
          const qv = (k: number) => Math.max(0, Math.min(15, Math.round(w[k * nOut + n]! / scale) + 8));
          const k = b * block + j;
          packed[(n * blocks + b) * (block / 2) + j / 2] = qv(k) | (qv(k + 1) << 4);
        }
      }
    }
    const bName = addInit(`${name}.weight_Q4`, [nOut, blocks, block / 2], DT.UINT8, packed);
    const sName = floatInit(`${name}.weight_scales`, [nOut * blocks], scales);
    return op(
      "MatMulNBits",
      [x, bName, sName],
      [attrInt("K", nIn), attrInt("N", nOut), attrInt("bits", 4), attrInt("block_size", block)],
      "com.microsoft",
    );
  };

  // --- embeddings ---
  // A tied head scores each token against its own input embedding; small embeddings keep a
  // random model from repeating its last token, and a larger final norm gain restores logits
  // a few units apart (clear greedy choices, verification bounds far below the spread).
  // Gemma multiplies the embedding by sqrt(hidden) on the way in, hence its smaller one.
  const embedStd = spec.gemma ? 0.02 : spec.tied ? 0.06 : 0.25;
  const embed = normals(rng, vocab * E, embedStd);
  const embedName = floatInit("model.embed_tokens.weight", [vocab, E], embed);
  let h = op("Gather", [embedName, "input_ids"], [attrInt("axis", 0)]);
  if (spec.gemma) h = op("Mul", [h, scalar("c_embed_scale", Math.sqrt(E))]);

  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}`;
    const x = rmsNorm(h, `${p}.input_layernorm.weight`, E);
    let q: string;
    let k: string;
    let v: string;
    if (spec.fused) {
      const qkv = linear(x, `${p}.self_attn.qkv_proj`, E, (H + 2 * KV) * D);
      [q, k, v] = [fresh("q"), fresh("k"), fresh("v")];
      node("Split", [qkv, int64Init(`${p}.qkv_split`, [H * D, KV * D, KV * D])], [q, k, v], [attrInt("axis", -1)]);
    } else {
      q = linear(x, `${p}.self_attn.q_proj`, E, H * D, spec.qkvBias);
      k = linear(x, `${p}.self_attn.k_proj`, E, KV * D, spec.qkvBias);
      v = linear(x, `${p}.self_attn.v_proj`, E, KV * D, spec.qkvBias);
    }
    let qh = op("Reshape", [q, c.qShape]);
    let kh = op("Reshape", [k, c.kvShape]);
    if (spec.qkNorm) {
      qh = rmsNorm(qh, `${p}.self_attn.q_norm.weight`, D);
      kh = rmsNorm(kh, `${p}.self_attn.k_norm.weight`, D);
    }
    const perm = [attrInts("perm", [0, 2, 1, 3])];
    qh = rope(op("Transpose", [qh], perm));
    kh = rope(op("Transpose", [kh], perm));
    const vh = op("Transpose", [op("Reshape", [v, c.kvShape])], perm);
    const keys = node("Concat", [`past_key_values.${l}.key`, kh], `present.${l}.key`, [attrInt("axis", 2)]);
    const values = node("Concat", [`past_key_values.${l}.value`, vh], `present.${l}.value`, [attrInt("axis", 2)]);
    const repeat = (t: string) =>
      nRep === 1 ? t : op("Reshape", [op("Expand", [op("Unsqueeze", [t, c.ax2]), c.repeat]), c.repShape]);
    const scores = op("Add", [
      op("Mul", [op("MatMul", [qh, op("Transpose", [repeat(keys)], [attrInts("perm", [0, 1, 3, 2])])]), c.scale]),
      bias,
    ]);
    const probs = op("Softmax", [scores], [attrInt("axis", -1)]);
    const ctx = op("Reshape", [op("Transpose", [op("MatMul", [probs, repeat(values)])], perm), c.mergeShape]);
    h = op("Add", [h, linear(ctx, `${p}.self_attn.o_proj`, H * D, E)]);

    const y = rmsNorm(h, `${p}.post_attention_layernorm.weight`, E);
    let gate: string;
    let up: string;
    if (spec.fused) {
      const gu = linear(y, `${p}.mlp.gate_up_proj`, E, 2 * I);
      [gate, up] = [fresh("gate"), fresh("up")];
      node("Split", [gu, int64Init(`${p}.gate_up_split`, [I, I])], [gate, up], [attrInt("axis", -1)]);
    } else {
      gate = linear(y, `${p}.mlp.gate_proj`, E, I);
      up = linear(y, `${p}.mlp.up_proj`, E, I);
    }
    let act: string;
    if (spec.gemma) {
      // gelu_pytorch_tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
      const cube = op("Mul", [op("Mul", [gate, gate]), gate]);
      const inner = op("Mul", [op("Add", [gate, op("Mul", [cube, c.geluC])]), c.geluK]);
      act = op("Mul", [op("Mul", [gate, c.half]), op("Add", [c.one, op("Tanh", [inner])])]);
    } else act = op("Mul", [gate, op("Sigmoid", [gate])]);
    h = op("Add", [h, linear(op("Mul", [act, up]), `${p}.mlp.down_proj`, I, E)]);
  }
  const final = rmsNorm(h, "model.norm.weight", E, spec.tied ? 0.3 / embedStd : 1);
  // The head stays in float in quantized exports too (its MatMul reads the tied embedding).
  const head = spec.tied
    ? op("Transpose", [embedName], [attrInts("perm", [1, 0])])
    : floatInit("lm_head.weight", [E, vocab], normals(rng, E * vocab, 0.25));
  node("MatMul", [final, head], "logits");

  const dims = (...d: (string | number)[]) => ({
    dim: d.map((x) => (typeof x === "string" ? { dimParam: x } : { dimValue: x })),
  });
  const value = (name: string, elemType: number, shape: ReturnType<typeof dims>) => ({
    name,
    type: { tensorType: { elemType, shape } },
  });
  const inputs = [
    value("input_ids", DT.INT64, dims("batch_size", "sequence_length")),
    value("attention_mask", DT.INT64, dims("batch_size", "total_sequence_length")),
  ];
  if (variant.positionIds) inputs.push(value("position_ids", DT.INT64, dims("batch_size", "sequence_length")));
  if (variant.extraInput) inputs.push(value(variant.extraInput, DT.INT64, dims()));
  const outputs = [value("logits", T, dims("batch_size", "sequence_length", vocab))];
  for (let l = 0; l < L; l++) {
    for (const kind of ["key", "value"]) {
      inputs.push(value(`past_key_values.${l}.${kind}`, T, dims("batch_size", KV, "past_sequence_length", D)));
      outputs.push(value(`present.${l}.${kind}`, T, dims("batch_size", KV, "total_sequence_length", D)));
    }
  }
  // Constants no node reads are dropped (onnxruntime warns about each one).
  const used = new Set(nodes.flatMap((n) => n.input ?? []));
  const initializer = inits.filter((t) => used.has(t.name!));
  const opsetImport = [{ domain: "", version: 17 }];
  if (variant.quant === "q4") opsetImport.push({ domain: "com.microsoft", version: 1 });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "infergrid-gen-arch-models",
    producerVersion: "1",
    opsetImport,
    graph: { name: `tiny_${spec.modelType}`, node: nodes, initializer, input: inputs, output: outputs },
  });
  const externalData = variant.externalData ? Buffer.concat(external) : null;
  return { model: onnx.ModelProto.encode(model).finish(), externalData };
}

// --- folder ---------------------------------------------------------------------------

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function idsOf(tok: BuiltTokenizer, tokens: readonly string[]): number[] {
  return tokens.map((t) => {
    const id = tok.ids.get(t);
    if (id === undefined) throw new Error(`token ${t} is not in the vocabulary`);
    return id;
  });
}

export type GeneratedArchModel = { readonly dir: string; readonly modelHash: string; readonly name: string };

export function variantName(arch: Arch, variant: Variant): string {
  const parts = [`tiny-${arch}`];
  if (variant.dtype !== "fp32") parts.push(variant.dtype);
  if (variant.quant !== "none") parts.push(variant.quant);
  if (variant.externalData) parts.push("extdata");
  if (!variant.positionIds) parts.push("nopos");
  return parts.join("-");
}

/** Writes one model folder (manifest included) and returns its on-chain model hash. */
export async function generateArchModel(opts: {
  arch: Arch;
  outDir: string;
  variant?: Partial<Variant>;
  seed?: number;
  name?: string;
  /** e.g. another sliding window, for tests that compare two windows over the same weights */
  slidingWindow?: number | null;
}): Promise<GeneratedArchModel> {
  const spec: ArchSpec =
    opts.slidingWindow === undefined ? SPECS[opts.arch] : { ...SPECS[opts.arch], slidingWindow: opts.slidingWindow };
  const variant: Variant = { ...DEFAULT_VARIANT, ...opts.variant };
  const name = opts.name ?? variantName(opts.arch, variant);
  const tok = buildTokenizer(spec.tokenizer);
  const vocab = tok.vocabSize;
  const single = (ids: number[]) => (ids.length === 1 ? ids[0] : ids);
  const bosId = spec.bos === null ? null : idsOf(tok, [spec.bos])[0]!;
  const config: Record<string, unknown> = {
    architectures: [spec.architecture],
    model_type: spec.modelType,
    vocab_size: vocab,
    hidden_size: spec.hidden,
    intermediate_size: spec.intermediate,
    num_hidden_layers: spec.layers,
    num_attention_heads: spec.heads,
    num_key_value_heads: spec.kvHeads,
    head_dim: spec.headDim,
    hidden_act: "silu",
    max_position_embeddings: spec.maxPositions,
    rms_norm_eps: spec.rmsEps,
    rope_theta: spec.ropeTheta,
    rope_scaling: spec.ropeScaling,
    attention_dropout: 0,
    tie_word_embeddings: spec.tied,
    torch_dtype: variant.dtype === "fp16" ? "float16" : "float32",
    use_cache: true,
    bos_token_id: bosId,
    eos_token_id: single(idsOf(tok, spec.configEos)),
    ...(spec.slidingWindow !== null ? { sliding_window: spec.slidingWindow } : {}),
    ...spec.extraConfig,
    "transformers.js_config": {
      dtype: variant.dtype,
      use_external_data_format: variant.externalData,
      kv_cache_dtype: variant.dtype === "fp16" ? "float16" : "float32",
    },
  };
  const generationConfig = {
    bos_token_id: bosId,
    eos_token_id: single(idsOf(tok, spec.generationEos)),
    do_sample: true,
    temperature: 0.7,
    top_p: 0.8,
  };
  const tokenizerConfig = {
    added_tokens_decoder: addedTokensDecoder(tok),
    bos_token: spec.bos,
    chat_template: chatTemplates[opts.arch].template,
    clean_up_tokenization_spaces: false,
    eos_token: spec.eos,
    model_max_length: spec.maxPositions,
    pad_token: spec.pad,
    unk_token: spec.unk,
    tokenizer_class: spec.tokenizer.style.endsWith("-sp") ? "LlamaTokenizer" : "PreTrainedTokenizerFast",
    ...spec.extraTokenizerConfig,
  };
  const { model, externalData } = buildGraph(spec, vocab, variant, opts.seed ?? 1);
  await mkdir(join(opts.outDir, "onnx"), { recursive: true });
  await writeFile(join(opts.outDir, "config.json"), json(config));
  await writeFile(join(opts.outDir, "generation_config.json"), json(generationConfig));
  await writeFile(join(opts.outDir, "tokenizer.json"), json(tok.json));
  await writeFile(join(opts.outDir, "tokenizer_config.json"), json(tokenizerConfig));
  await writeFile(join(opts.outDir, "onnx", "model.onnx"), model);
  if (externalData) await writeFile(join(opts.outDir, "onnx", EXTERNAL_FILE), externalData);
  const manifest = await buildManifest(opts.outDir, name);
  await writeFile(join(opts.outDir, MANIFEST_FILE), formatManifest(manifest));
  return { dir: opts.outDir, modelHash: manifestHash(manifest), name };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      arch: { type: "string", default: ARCHS.join(",") },
      dtype: { type: "string", default: "fp32" },
      quant: { type: "string", default: "none" },
      "external-data": { type: "boolean", default: false },
      "no-position-ids": { type: "boolean", default: false },
      seed: { type: "string", default: "1" },
    },
  });
  if (!values.out) throw new Error("--out DIR is required (one sub-folder per architecture is written there)");
  const variant: Variant = {
    dtype: values.dtype === "fp16" ? "fp16" : "fp32",
    quant: values.quant === "int8" || values.quant === "q4" ? values.quant : "none",
    externalData: values["external-data"],
    positionIds: !values["no-position-ids"],
  };
  for (const arch of values.arch.split(",")) {
    if (!(ARCHS as readonly string[]).includes(arch))
      throw new Error(`unknown --arch ${arch}; one of ${ARCHS.join(", ")}`);
    const a = arch as Arch;
    const dir = join(values.out, variantName(a, variant));
    const r = await generateArchModel({ arch: a, outDir: dir, variant, seed: Number(values.seed) });
    console.log(`wrote ${dir}, model hash ${r.modelHash}`);
  }
}
