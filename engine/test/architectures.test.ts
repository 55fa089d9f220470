// The model families users serve (Llama 3.1, Qwen2.5, Qwen3, Phi-3, Gemma, Mistral, SmolLM2),
// as tiny random-weight models in the Optimum / transformers.js export layout
// (scripts/gen-arch-models.ts, generated here into a temporary folder), checked token by token
// against an independent decoder: transformers.js on the same folder, offline. It tokenizes
// with its own chat-template code, builds its own KV cache from the graph's metadata, derives
// its own position ids from the attention mask and drives generation itself; seeded sampling
// runs there through a logits processor that applies the protocol's rule (Gumbel-max keyed by
// the job id over top-k/top-p) written out again below, not the engine's sampling code.
import { AutoModelForCausalLM, AutoTokenizer, env, LogitsProcessor, type Tensor } from "@huggingface/transformers";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ARCHS,
  type Arch,
  generateArchModel,
  inverseFrequencies,
  SPECS,
  type Variant,
} from "../scripts/gen-arch-models.ts";
import {
  buildManifest,
  formatManifest,
  gumbelAt,
  InvalidManifestError,
  loadModel,
  type Model,
  type Prompt,
  samplingKey,
  UnsupportedGraphError,
} from "../src/index.ts";
import { inspectGraphFile } from "../src/graph-file.ts";
import { emptyCache, forward } from "../src/session.ts";
import { jobIdOf } from "./helpers/paths.ts";

env.allowRemoteModels = false;
env.allowLocalModels = true;

// The same session settings on both sides: one thread, sequential, full graph optimisation.
const SESSION_OPTIONS = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: "sequential",
  graphOptimizationLevel: "all",
} as const;
// the engine always runs sequentially; these are its defaults, spelled out
const ENGINE_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" } as const;
const MAX_TOKENS = 24;
const MESSAGES = [{ role: "user", content: "Hello world! Tell me about the network and the worker." }];
const SAMPLING = { temperature: 0.8, topK: 40, topP: 0.95 } as const;

/** The protocol's decoding rule, written from its definition (sdk docs, sampling.ts header). */
function seededChoice(logits: Float32Array, key: Uint32Array, position: number): number {
  const ids = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]! || a - b);
  const topK = ids.slice(0, SAMPLING.topK);
  const scaled = topK.map((id) => logits[id]! / SAMPLING.temperature);
  const z = scaled.reduce((s, v) => s + Math.exp(v - scaled[0]!), 0);
  const kept: number[] = [];
  let cumulative = 0;
  for (let i = 0; i < topK.length && cumulative < SAMPLING.topP; i++) {
    kept.push(topK[i]!);
    cumulative += Math.exp(scaled[i]! - scaled[0]!) / z;
  }
  let best = -1;
  let bestScore = -Infinity;
  for (const id of kept) {
    const score = logits[id]! / SAMPLING.temperature + gumbelAt(key, position, id);
    if (score > bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

class SeededSampling extends LogitsProcessor {
  private readonly key: Uint32Array;
  private readonly promptLength: number;
  constructor(jobId: `0x${string}`, promptLength: number) {
    super();
    this.key = samplingKey(jobId);
    this.promptLength = promptLength;
  }
  override _call(inputIds: bigint[][], logits: Tensor): Tensor {
    const row = logits.data as Float32Array;
    const chosen = seededChoice(Float32Array.from(row), this.key, inputIds[0]!.length - this.promptLength);
    row.fill(-Infinity);
    row[chosen] = 0;
    return logits;
  }
}

type Reference = {
  promptIds(prompt: Prompt): number[];
  generate(promptIds: number[], seeded: `0x${string}` | null): Promise<number[]>;
  dispose(): Promise<void>;
};

async function reference(dir: string): Promise<Reference> {
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  const model = await AutoModelForCausalLM.from_pretrained(dir, {
    dtype: "fp32", // the file name transformers.js loads (onnx/model.onnx); the weights are what they are
    device: "cpu",
    session_options: SESSION_OPTIONS,
  });
  return {
    promptIds(prompt) {
      if (typeof prompt === "string") return Array.from(tokenizer.encode(prompt));
      if ("ids" in prompt) return [...prompt.ids];
      const ids = tokenizer.apply_chat_template(prompt.messages as { role: string; content: string }[], {
        add_generation_prompt: true,
        tokenize: true,
        return_dict: false,
      }) as unknown as Tensor;
      return Array.from(ids.data as BigInt64Array, Number);
    },
    async generate(promptIds, seeded) {
      const { Tensor } = await import("@huggingface/transformers");
      const input_ids = new Tensor("int64", BigInt64Array.from(promptIds, BigInt), [1, promptIds.length]);
      const out = (await model.generate({
        input_ids,
        attention_mask: new Tensor("int64", new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]),
        max_new_tokens: MAX_TOKENS,
        do_sample: false,
        // generation_config.json asks for sampling (as real ones do); only max_new_tokens and eos apply here
        temperature: 1,
        top_k: 0,
        top_p: 1,
        repetition_penalty: 1,
        logits_processor: seeded === null ? [] : [new SeededSampling(seeded, promptIds.length)],
      } as never)) as Tensor;
      return (out.tolist() as bigint[][])[0]!.slice(promptIds.length).map(Number);
    },
    dispose: async () => {
      await model.dispose();
    },
  };
}

/** Every output token, each replaced in turn would be too slow; the middle one and the last. */
async function assertVerification(model: Model, prompt: Prompt, seeded: boolean, jobId: `0x${string}`) {
  const params = seeded ? { jobId, maxTokens: MAX_TOKENS, ...SAMPLING } : { jobId, maxTokens: MAX_TOKENS };
  const r = await model.generate({ prompt, ...params });
  assert.deepEqual(
    await model.verify(prompt, r.outputIds, r.fingerprint, { ...params, commitment: r.commitment }),
    { accepted: true },
    "honest result rejected",
  );
  for (const at of [Math.floor(r.outputIds.length / 2), r.outputIds.length - 1]) {
    if (model.eosTokenIds.has(r.outputIds[at]!)) continue;
    // a token far below the top of the fingerprint: the lowest-scoring of the vocabulary's first 64
    const listed = new Set(r.fingerprint.ids.slice(at * 4, at * 4 + 4));
    const other = Array.from({ length: 64 }, (_, i) => i).find((id) => !listed.has(id) && !model.eosTokenIds.has(id))!;
    const changed = [...r.outputIds];
    changed[at] = other;
    const verdict = await model.verify(prompt, changed, r.fingerprint, params);
    assert.equal(verdict.accepted, false, `changed token at ${at} accepted`);
    if (!verdict.accepted) {
      assert.ok(verdict.position <= at + 1, `rejected at ${verdict.position}, changed at ${at}`);
      assert.ok(["decoding_rule", "fingerprint_mismatch"].includes(verdict.reason), verdict.reason);
    }
  }
  return r;
}

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "infergrid-archs-"));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  return total;
}

function archSuite(arch: Arch, variant: Partial<Variant>, label: string) {
  describe(`${label}: engine vs transformers.js`, () => {
    let dir: string;
    let model: Model;
    let ref: Reference;
    before(async () => {
      dir = join(work, label);
      await generateArchModel({ arch, outDir: dir, variant });
      model = await loadModel(dir, ENGINE_OPTIONS);
      ref = await reference(dir);
    });
    after(async () => {
      await model?.close();
      await ref?.dispose();
    });

    it("tokenizes the chat template and raw text as transformers.js does", () => {
      const chat = { messages: MESSAGES };
      assert.deepEqual(model.tokenizer.promptIds(chat), ref.promptIds(chat));
      const raw = "Once upon a time, a café served 42 small models.";
      assert.deepEqual(model.tokenizer.promptIds(raw), ref.promptIds(raw));
      assert.equal(model.tokenizer.decode(model.tokenizer.encode(raw, false)), raw);
    });

    it("generates the same greedy tokens, and verification accepts them and rejects a changed token", async () => {
      const r = await assertVerification(model, { messages: MESSAGES }, false, jobIdOf(61));
      assert.deepEqual(r.outputIds, await ref.generate(r.inputIds as number[], null));
      assert.ok(new Set(r.outputIds).size > 1 || r.finishReason === "eos", "a degenerate model says little");
    });

    it("generates the same seeded sample, and verification accepts it and rejects a changed token", async () => {
      const jobId = jobIdOf(62);
      const r = await assertVerification(model, { messages: MESSAGES }, true, jobId);
      assert.deepEqual(r.outputIds, await ref.generate(r.inputIds as number[], jobId));
      const greedy = await model.generate({ jobId, prompt: { messages: MESSAGES }, maxTokens: MAX_TOKENS });
      assert.notDeepEqual(r.outputIds, greedy.outputIds, "sampling at T=0.8 should leave the greedy path");
    });

    it("reads the cache layout from the graph", () => {
      const spec = SPECS[arch];
      assert.equal(model.layout.numLayers, spec.layers);
      assert.equal(model.layout.numKvHeads, spec.kvHeads);
      assert.equal(model.layout.headDim, spec.headDim);
      assert.equal(model.layout.kvDtype, variant.dtype === "fp16" ? "float16" : "float32");
      assert.equal(model.layout.hasPositionIds, variant.positionIds !== false);
      assert.equal(model.layout.stepwiseVerify, variant.quant === "int8");
    });

    it("stays small", async () => {
      assert.ok((await folderSize(dir)) < 1.5 * 1024 * 1024, `${label} is ${await folderSize(dir)} bytes`);
    });
  });
}

for (const arch of ARCHS) archSuite(arch, {}, arch);
// Each export variant once, on a different family each.
archSuite("qwen2", { dtype: "fp16" }, "qwen2-fp16");
archSuite("phi3", { quant: "int8" }, "phi3-int8");
archSuite("qwen3", { quant: "q4" }, "qwen3-q4");
archSuite("gemma", { dtype: "fp16", quant: "q4" }, "gemma-fp16-q4");
archSuite("mistral", { externalData: true }, "mistral-external-data");
archSuite("smollm", { positionIds: false }, "smollm-no-position-ids");

describe("architecture specifics", () => {
  it("Llama 3.1's rope_scaling changes exactly the low frequencies (transformers' llama3 rule)", () => {
    const plain = inverseFrequencies({ ...SPECS.llama3, ropeScaling: null });
    const scaled = inverseFrequencies(SPECS.llama3);
    const s = SPECS.llama3.ropeScaling!;
    for (let i = 0; i < plain.length; i++) {
      const wavelen = (2 * Math.PI) / plain[i]!;
      if (wavelen < s.original_max_position_embeddings / s.high_freq_factor) assert.equal(scaled[i], plain[i]);
      else if (wavelen > s.original_max_position_embeddings / s.low_freq_factor)
        assert.ok(Math.abs(scaled[i]! - plain[i]! / s.factor) < 1e-18);
      else assert.ok(scaled[i]! < plain[i]! && scaled[i]! > plain[i]! / s.factor);
    }
    assert.ok(scaled.some((v, i) => v !== plain[i]));
  });

  it("Mistral's sliding window hides keys older than the window, and only those", async () => {
    const window = SPECS.mistral.slidingWindow!;
    await generateArchModel({ arch: "mistral", outDir: join(work, "mistral-window") });
    // same seed, same weights; a window longer than the sequence is plain causal attention
    await generateArchModel({ arch: "mistral", outDir: join(work, "mistral-wide"), slidingWindow: 4096 });
    const windowed = await loadModel(join(work, "mistral-window"));
    const wide = await loadModel(join(work, "mistral-wide"));
    const ids = windowed.tokenizer.promptIds({ messages: MESSAGES });
    assert.ok(ids.length > window + 2, "the prompt must be longer than the window");
    const [a, b] = [
      await forward(windowed.session, windowed.layout, ids, emptyCache(windowed.layout)),
      await forward(wide.session, wide.layout, ids, emptyCache(wide.layout)),
    ];
    const vocab = a.logits.length / ids.length;
    const rowDiff = (r: number) => {
      let d = 0;
      for (let v = 0; v < vocab; v++) d = Math.max(d, Math.abs(a.logits[r * vocab + v]! - b.logits[r * vocab + v]!));
      return d;
    };
    for (let r = 0; r < window; r++) assert.ok(rowDiff(r) < 1e-5, `row ${r} sees the whole prefix either way`);
    for (let r = window; r < ids.length; r++) assert.ok(rowDiff(r) > 1e-3, `row ${r} must lose its oldest keys`);
    await windowed.close();
    await wide.close();
  });

  it("refuses a graph whose external data file the manifest does not list", async () => {
    const dir = join(work, "ext-unlisted");
    await generateArchModel({ arch: "llama3", outDir: dir, variant: { externalData: true } });
    const manifest = await buildManifest(dir, "unlisted");
    const without = { ...manifest, files: manifest.files.filter((f) => f.path !== "onnx/model.onnx_data") };
    await writeFile(join(dir, "manifest.json"), formatManifest(without));
    // the folder check refuses the unlisted file under onnx/ ...
    await assert.rejects(loadModel(dir), InvalidManifestError);
    // ... and so does the graph check when the file check is skipped (a trusted folder)
    await assert.rejects(
      loadModel(dir, { skipFileCheck: true }),
      (e: unknown) => e instanceof InvalidManifestError && /model\.onnx_data/.test(e.message),
    );
    assert.deepEqual((await inspectGraphFile(join(dir, "onnx", "model.onnx"))).externalDataFiles, ["model.onnx_data"]);
  });

  it("takes head count and head size from the graph when config.json leaves them out", async () => {
    const dir = join(work, "qwen3-nohead");
    await generateArchModel({ arch: "qwen3", outDir: dir });
    const cfg = JSON.parse(await readFile(join(dir, "config.json"), "utf8")) as Record<string, unknown>;
    // Qwen3's head_dim (32) is not hidden/heads (16): only the graph knows it without head_dim
    cfg.head_dim = null;
    await writeFile(join(dir, "config.json"), `${JSON.stringify(cfg)}\n`);
    await writeFile(join(dir, "manifest.json"), formatManifest(await buildManifest(dir, "qwen3-nohead")));
    const m = await loadModel(dir);
    assert.equal(m.layout.headDim, 32);
    const r = await m.generate({ jobId: jobIdOf(71), prompt: "Hello", maxTokens: 4 });
    assert.equal(r.outputTokens, 4);
    await m.close();
  });

  it("refuses a graph input it does not know how to feed", async () => {
    const dir = join(work, "extra-input");
    await generateArchModel({ arch: "smollm", outDir: dir, variant: { extraInput: "num_logits_to_keep" } });
    await assert.rejects(
      loadModel(dir),
      (e: unknown) => e instanceof UnsupportedGraphError && /num_logits_to_keep/.test(e.message),
    );
  });

  it("is deterministic: the same arguments give the same files", async () => {
    const a = await generateArchModel({ arch: "phi3", outDir: join(work, "det-a"), variant: { quant: "q4" } });
    const b = await generateArchModel({ arch: "phi3", outDir: join(work, "det-b"), variant: { quant: "q4" } });
    assert.equal(a.modelHash, b.modelHash);
    const c = await generateArchModel({ arch: "phi3", outDir: join(work, "det-c"), variant: { quant: "q4" }, seed: 2 });
    assert.notEqual(a.modelHash, c.modelHash);
  });
});
