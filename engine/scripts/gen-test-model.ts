// Generates models/tiny-gpt2: a small GPT-2-shaped causal LM with a KV cache, in the
// Hugging Face ONNX folder layout that transformers.js uses, with seeded weights and a
// byte-level BPE tokenizer trained here on a fixed corpus. Its text is meaningless: it exists
// so that every test and benchmark runs the real loading, generation and verification path.
//
// Byte-identical on every run (a test pins the sha256 of each file): only integer PRNG math,
// IEEE-exact float operations, sorted iteration, and no timestamps.
//
//   node scripts/gen-test-model.ts [--seed 1] [--out models/tiny-gpt2] [--name tiny-gpt2]

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";
import { buildManifest, formatManifest, manifestHash, MANIFEST_FILE } from "../src/manifest.ts";

const { onnx } = onnxProto;

export type TinyModelShape = {
  vocabSize: number;
  nPositions: number;
  nEmbd: number;
  nLayer: number;
  nHead: number;
};

export const TINY_SHAPE: TinyModelShape = { vocabSize: 512, nPositions: 1024, nEmbd: 128, nLayer: 4, nHead: 4 };

export const SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"] as const;

// --- deterministic randomness ---------------------------------------------------------

/** splitmix32: integer-only, so the weights do not depend on any libm. */
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

/** Approximately normal (Irwin-Hall of 4 uniforms), exact in IEEE arithmetic. */
function normals(rng: () => number, count: number, std: number): Float32Array {
  const out = new Float32Array(count);
  const k = Math.sqrt(3) * std;
  for (let i = 0; i < count; i++) out[i] = (rng() + rng() + rng() + rng() - 2) * k;
  return out;
}

// --- byte-level BPE tokenizer ---------------------------------------------------------

const CORPUS = `
The network routes each job to a worker that serves the model. The worker runs the model,
streams the tokens back to the user, and posts a commitment of the result on chain.
A validator can check the result with one forward pass over the prompt and the output.
Workers stake tokens, earn fees for every token they produce, and lose stake when they cheat.
The user pays only for the tokens that were used; the rest of the escrow goes back to them.
Model creators register the hash of their weights and earn a share of every job.
Hello world! How are you today? I am fine, thank you. What is the time? It is ten o'clock.
The quick brown fox jumps over the lazy dog. A small model is fast; a large model is slow.
system user assistant: Answer the question in one short sentence, then stop.
Once upon a time there was a little robot who wanted to learn how to write stories.
It read every book in the library, and then it wrote a story about the sea and the stars.
Numbers: 0 1 2 3 4 5 6 7 8 9 10 11 12 100 1000 2024 2025 2026. Prices in tokens per second.
`.repeat(3);

/** GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest above 255. */
function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  const table: string[] = new Array<string>(256);
  for (let i = 0; i < bs.length; i++) table[bs[i]!] = String.fromCharCode(cs[i]!);
  return table;
}

// The pre-tokenizer regex GPT-2 (and tokenizers' ByteLevel with use_regex) uses.
const GPT2_SPLIT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

function trainBpe(corpus: string, targetSize: number): { vocab: Map<string, number>; merges: [string, string][] } {
  const table = bytesToUnicode();
  const vocab = new Map<string, number>();
  // Base alphabet ordered by byte value, as GPT-2 does.
  for (let b = 0; b < 256; b++) vocab.set(table[b]!, b);
  const enc = new TextEncoder();
  const wordCounts = new Map<string, number>();
  for (const m of corpus.matchAll(GPT2_SPLIT)) {
    const w = [...enc.encode(m[0])].map((b) => table[b]!).join("");
    wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  }
  const words = [...wordCounts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w, c]) => ({ symbols: [...w], count: c }));
  const merges: [string, string][] = [];
  while (vocab.size < targetSize) {
    const pairs = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]}\u0000${symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + count);
      }
    }
    let best: string | null = null;
    let bestCount = 0;
    // Ties break on the pair's string order so training never depends on Map iteration order.
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && best !== null && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === null) break;
    const [a, b] = best.split("\u0000") as [string, string];
    merges.push([a, b]);
    vocab.set(a + b, vocab.size);
    for (const w of words) {
      const out: string[] = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i + 1 < w.symbols.length && w.symbols[i] === a && w.symbols[i + 1] === b) {
          out.push(a + b);
          i++;
        } else out.push(w.symbols[i]!);
      }
      w.symbols = out;
    }
  }
  return { vocab, merges };
}

const CHATML_TEMPLATE =
  "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

function tokenizerFiles(shape: TinyModelShape): { tokenizer: unknown; tokenizerConfig: unknown } {
  const { vocab, merges } = trainBpe(CORPUS, shape.vocabSize - SPECIAL_TOKENS.length);
  // Pad with unused ids when the corpus runs out of merges, so the ids stay dense.
  const vocabObj: Record<string, number> = {};
  for (const [tok, id] of vocab) vocabObj[tok] = id;
  let next = vocab.size;
  while (next < shape.vocabSize - SPECIAL_TOKENS.length) {
    vocabObj[`<|unused_${next}|>`] = next;
    next++;
  }
  const added = SPECIAL_TOKENS.map((content, i) => ({
    id: next + i,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "",
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: vocabObj,
      merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
  const tokenizerConfig = {
    add_prefix_space: false,
    added_tokens_decoder: Object.fromEntries(
      added.map((t) => [
        String(t.id),
        { content: t.content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true },
      ]),
    ),
    bos_token: null,
    chat_template: CHATML_TEMPLATE,
    clean_up_tokenization_spaces: false,
    eos_token: "<|im_end|>",
    model_max_length: shape.nPositions,
    pad_token: "<|endoftext|>",
    tokenizer_class: "GPT2Tokenizer",
    unk_token: null,
  };
  return { tokenizer, tokenizerConfig };
}

// --- ONNX graph -----------------------------------------------------------------------

type Node = OnnxTypes.INodeProto;
type Attribute = OnnxTypes.IAttributeProto;

function buildGraph(shape: TinyModelShape, seed: number): Uint8Array {
  const { vocabSize: V, nPositions: P, nEmbd: E, nLayer: L, nHead: H } = shape;
  const Dh = E / H;
  const rng = makeRng(seed);
  const nodes: Node[] = [];
  const inits: OnnxTypes.ITensorProto[] = [];
  let counter = 0;
  const fresh = (hint: string) => `${hint}_${counter++}`;
  const node = (opType: string, input: string[], output: string[] | string, attribute: Attribute[] = []): string => {
    const outs = typeof output === "string" ? [output] : output;
    nodes.push({ opType, input, output: outs, name: `${opType}_${nodes.length}`, attribute });
    return outs[0]!;
  };
  const op = (opType: string, input: string[], attribute: Attribute[] = []) =>
    node(opType, input, fresh(opType.toLowerCase()), attribute);
  const floatInit = (name: string, dims: number[], data: Float32Array) => {
    inits.push({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer.slice(0)),
    });
    return name;
  };
  const int64Init = (name: string, values: number[], dims: number[] = [values.length]) => {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    inits.push({ name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  };
  const attrInt = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const attrInts = (name: string, ints: number[]) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
  const attrFloat = (name: string, f: number) => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });
  const ones = (n: number) => new Float32Array(n).fill(1);

  // Logit scale matters for the tests: embeddings of std 0.25 give logits with a spread of a
  // few units, so greedy choices are clear yet seeded sampling still varies with the seed.
  const wte = normals(rng, V * E, 0.25);
  floatInit("wte", [V, E], wte);
  floatInit("wpe", [P, E], normals(rng, P * E, 0.1));
  const wteT = new Float32Array(E * V);
  for (let v = 0; v < V; v++) for (let e = 0; e < E; e++) wteT[e * V + v] = wte[v * E + e]!;
  floatInit("lm_head", [E, V], wteT);

  const c = {
    zero: floatInit("c_zero", [], new Float32Array([0])),
    negInf: floatInit("c_neg", [], new Float32Array([-1e9])),
    scale: floatInit("c_scale", [], new Float32Array([1 / Math.sqrt(Dh)])),
    half: floatInit("c_half", [], new Float32Array([0.5])),
    one: floatInit("c_one", [], new Float32Array([1])),
    invSqrt2: floatInit("c_inv_sqrt2", [], new Float32Array([Math.SQRT1_2])),
    i0: int64Init("c_i0", [0], []),
    i1: int64Init("c_i1", [1], []),
    ax1: int64Init("c_axes1", [1]),
    ax2: int64Init("c_axes2", [2]),
    split3: int64Init("c_split3", [E, E, E]),
    headShape: int64Init("c_head_shape", [0, 0, H, Dh]),
    mergeShape: int64Init("c_merge_shape", [0, 0, E]),
  };

  // Attention bias shared by all layers: query at absolute position p (its position_id) may
  // see key j when j <= p and attention_mask[j] == 1.
  const maskShape = op("Shape", ["attention_mask"]);
  const total = op("Gather", [maskShape, c.i1], [attrInt("axis", 0)]);
  const keyPos = op("Range", [c.i0, total, c.i1]);
  const queryPos = op("Unsqueeze", ["position_ids", c.ax2]);
  const causal = op("LessOrEqual", [keyPos, queryPos]);
  const maskBool = op("Cast", ["attention_mask"], [attrInt("to", onnx.TensorProto.DataType.BOOL)]);
  const maskRow = op("Unsqueeze", [maskBool, c.ax1]);
  const allowed = op("And", [causal, maskRow]);
  const bias3 = op("Where", [allowed, c.zero, c.negInf]);
  const bias = op("Unsqueeze", [bias3, c.ax1]);

  let h = op("Add", [
    op("Gather", ["wte", "input_ids"], [attrInt("axis", 0)]),
    op("Gather", ["wpe", "position_ids"], [attrInt("axis", 0)]),
  ]);
  const layerNorm = (x: string, prefix: string) =>
    op(
      "LayerNormalization",
      [x, floatInit(`${prefix}.weight`, [E], ones(E)), floatInit(`${prefix}.bias`, [E], new Float32Array(E))],
      [attrInt("axis", -1), attrFloat("epsilon", 1e-5)],
    );
  const linear = (x: string, prefix: string, nIn: number, nOut: number) =>
    op("Add", [
      op("MatMul", [x, floatInit(`${prefix}.weight`, [nIn, nOut], normals(rng, nIn * nOut, 1 / Math.sqrt(nIn)))]),
      floatInit(`${prefix}.bias`, [nOut], normals(rng, nOut, 0.02)),
    ]);

  for (let l = 0; l < L; l++) {
    const p = `h.${l}`;
    const a = layerNorm(h, `${p}.ln_1`);
    const qkv = linear(a, `${p}.attn.c_attn`, E, 3 * E);
    const [q, k, v] = [fresh("q"), fresh("k"), fresh("v")];
    node("Split", [qkv, c.split3], [q, k, v], [attrInt("axis", 2)]);
    const heads = (x: string) => op("Transpose", [op("Reshape", [x, c.headShape])], [attrInts("perm", [0, 2, 1, 3])]);
    const keys = node("Concat", [`past_key_values.${l}.key`, heads(k)], `present.${l}.key`, [attrInt("axis", 2)]);
    const values = node("Concat", [`past_key_values.${l}.value`, heads(v)], `present.${l}.value`, [attrInt("axis", 2)]);
    const scores = op("Add", [
      op("Mul", [op("MatMul", [heads(q), op("Transpose", [keys], [attrInts("perm", [0, 1, 3, 2])])]), c.scale]),
      bias,
    ]);
    const probs = op("Softmax", [scores], [attrInt("axis", -1)]);
    const ctx = op("Reshape", [
      op("Transpose", [op("MatMul", [probs, values])], [attrInts("perm", [0, 2, 1, 3])]),
      c.mergeShape,
    ]);
    h = op("Add", [h, linear(ctx, `${p}.attn.c_proj`, E, E)]);
    const m = linear(layerNorm(h, `${p}.ln_2`), `${p}.mlp.c_fc`, E, 4 * E);
    const gelu = op("Mul", [op("Mul", [m, c.half]), op("Add", [c.one, op("Erf", [op("Mul", [m, c.invSqrt2])])])]);
    h = op("Add", [h, linear(gelu, `${p}.mlp.c_proj`, 4 * E, E)]);
  }
  node("MatMul", [layerNorm(h, "ln_f"), "lm_head"], "logits");

  const F = onnx.TensorProto.DataType.FLOAT;
  const I64 = onnx.TensorProto.DataType.INT64;
  const dims = (...d: (string | number)[]) => ({
    dim: d.map((x) => (typeof x === "string" ? { dimParam: x } : { dimValue: x })),
  });
  const value = (name: string, elemType: number, shapeDims: ReturnType<typeof dims>) => ({
    name,
    type: { tensorType: { elemType, shape: shapeDims } },
  });
  const inputs = [
    value("input_ids", I64, dims("batch_size", "sequence_length")),
    value("attention_mask", I64, dims("batch_size", "total_sequence_length")),
    value("position_ids", I64, dims("batch_size", "sequence_length")),
  ];
  const outputs = [value("logits", F, dims("batch_size", "sequence_length", V))];
  for (let l = 0; l < L; l++) {
    for (const kind of ["key", "value"]) {
      inputs.push(value(`past_key_values.${l}.${kind}`, F, dims("batch_size", H, "past_sequence_length", Dh)));
      outputs.push(value(`present.${l}.${kind}`, F, dims("batch_size", H, "total_sequence_length", Dh)));
    }
  }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "infergrid-gen-test-model",
    producerVersion: "1",
    opsetImport: [{ domain: "", version: 17 }],
    graph: { name: "tiny_gpt2", node: nodes, initializer: inits, input: inputs, output: outputs },
  });
  return onnx.ModelProto.encode(model).finish();
}

// --- folder ---------------------------------------------------------------------------

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function generateTestModel(opts: {
  outDir: string;
  seed: number;
  name: string;
  shape?: TinyModelShape;
}): Promise<{ modelHash: string }> {
  const shape = opts.shape ?? TINY_SHAPE;
  const { tokenizer, tokenizerConfig } = tokenizerFiles(shape);
  const eos = shape.vocabSize - SPECIAL_TOKENS.length + SPECIAL_TOKENS.indexOf("<|im_end|>");
  const bos = shape.vocabSize - SPECIAL_TOKENS.length + SPECIAL_TOKENS.indexOf("<|endoftext|>");
  const config = {
    architectures: ["GPT2LMHeadModel"],
    model_type: "gpt2",
    vocab_size: shape.vocabSize,
    n_positions: shape.nPositions,
    n_ctx: shape.nPositions,
    n_embd: shape.nEmbd,
    n_layer: shape.nLayer,
    n_head: shape.nHead,
    activation_function: "gelu",
    layer_norm_epsilon: 1e-5,
    bos_token_id: bos,
    eos_token_id: eos,
    tie_word_embeddings: true,
    "transformers.js_config": { dtype: "fp32", use_external_data_format: false },
  };
  const generationConfig = { bos_token_id: bos, eos_token_id: [eos, bos], max_new_tokens: 128, do_sample: false };
  await mkdir(join(opts.outDir, "onnx"), { recursive: true });
  await writeFile(join(opts.outDir, "config.json"), json(config));
  await writeFile(join(opts.outDir, "generation_config.json"), json(generationConfig));
  await writeFile(join(opts.outDir, "tokenizer.json"), json(tokenizer));
  await writeFile(join(opts.outDir, "tokenizer_config.json"), json(tokenizerConfig));
  await writeFile(join(opts.outDir, "onnx", "model.onnx"), buildGraph(shape, opts.seed));
  const manifest = await buildManifest(opts.outDir, opts.name);
  await writeFile(join(opts.outDir, MANIFEST_FILE), formatManifest(manifest));
  return { modelHash: manifestHash(manifest) };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: "1" },
      out: { type: "string", default: "models/tiny-gpt2" },
      name: { type: "string", default: "tiny-gpt2" },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got ${values.seed}`);
  const { modelHash } = await generateTestModel({ outDir: values.out, seed, name: values.name });
  console.log(`wrote ${values.out} (seed ${seed}), model hash ${modelHash}`);
}
