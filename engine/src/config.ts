import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { InvalidModelConfigError } from "./errors.ts";

// Only the fields the engine reads; everything else in these Hugging Face files passes through.

const positiveInt = z.number().int().positive();

/** config.json, GPT-2 naming (n_layer...) or Llama/Qwen naming (num_hidden_layers...). */
export const modelConfigSchema = z
  .looseObject({
    model_type: z.string().min(1),
    vocab_size: positiveInt,
    n_layer: positiveInt.optional(),
    n_head: positiveInt.optional(),
    n_embd: positiveInt.optional(),
    n_positions: positiveInt.optional(),
    num_hidden_layers: positiveInt.optional(),
    num_attention_heads: positiveInt.optional(),
    // Mistral's and others' configs write null for "derive it"
    num_key_value_heads: positiveInt.nullish(),
    hidden_size: positiveInt.optional(),
    head_dim: positiveInt.nullish(),
    max_position_embeddings: positiveInt.optional(),
    eos_token_id: z.union([z.number().int().nonnegative(), z.array(z.number().int().nonnegative())]).nullish(),
  })
  .transform((c, ctx) => {
    const numLayers = c.num_hidden_layers ?? c.n_layer;
    const numHeads = c.num_attention_heads ?? c.n_head;
    const hidden = c.hidden_size ?? c.n_embd;
    const contextLength = c.max_position_embeddings ?? c.n_positions;
    if (numLayers === undefined || numHeads === undefined || hidden === undefined || contextLength === undefined) {
      ctx.addIssue({ code: "custom", message: "needs layer count, head count, hidden size and context length" });
      return z.NEVER;
    }
    return {
      modelType: c.model_type,
      vocabSize: c.vocab_size,
      numLayers,
      numKvHeads: c.num_key_value_heads ?? numHeads,
      headDim: c.head_dim ?? hidden / numHeads,
      contextLength,
      eosTokenIds: c.eos_token_id == null ? [] : Array.isArray(c.eos_token_id) ? c.eos_token_id : [c.eos_token_id],
    };
  });

export type ModelConfig = z.output<typeof modelConfigSchema>;

export const generationConfigSchema = z.looseObject({
  eos_token_id: z.union([z.number().int().nonnegative(), z.array(z.number().int().nonnegative())]).nullish(),
});

/** A special token is either a string or an AddedToken object ({ content }). */
const specialToken = z.union([z.string(), z.looseObject({ content: z.string() })]).nullish();

export const tokenizerConfigSchema = z.looseObject({
  chat_template: z.union([z.string(), z.array(z.object({ name: z.string(), template: z.string() }))]).nullish(),
  bos_token: specialToken,
  eos_token: specialToken,
  pad_token: specialToken,
  unk_token: specialToken,
});

export type TokenizerConfig = z.output<typeof tokenizerConfigSchema>;

export async function readJsonFile<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.output<S>> {
  let raw: string;
  try {
    raw = await readFile(join(dir, file), "utf8");
  } catch {
    throw new InvalidModelConfigError(file, "file not found");
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new InvalidModelConfigError(file, `not JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InvalidModelConfigError(file, z.prettifyError(parsed.error));
  return parsed.data;
}

// --- engine options, parsed at the edge ------------------------------------------------

export const PROVIDERS = ["cpu", "cuda"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const engineOptionsSchema = z
  .object({
    provider: z.enum(PROVIDERS).default("cpu"),
    /** Threads inside one operator; fixed so results are reproducible (1 and 2 give identical bits here). */
    intraOpNumThreads: z.number().int().min(1).max(256).default(1),
    /** Threads across independent operators; only used with the parallel execution mode. */
    interOpNumThreads: z.number().int().min(1).max(256).default(1),
    graphOptimizationLevel: z.enum(["disabled", "basic", "extended", "all"]).default("all"),
    /** Chunk length (tokens) of the verifier's teacher-forced pass; bounds the logits buffer. */
    verifyChunkSize: z.number().int().min(1).max(65536).default(1024),
    /** Skip hashing the files (trusted, already checked folder); the hash is still computed from the manifest. */
    skipFileCheck: z.boolean().default(false),
  })
  .strict();

export type EngineOptions = z.input<typeof engineOptionsSchema>;
export type ResolvedEngineOptions = z.output<typeof engineOptionsSchema>;
