import { z } from "zod";
import { MAX_TOKENS_LIMIT, type ChatMessage } from "@infergrid/sdk";
import { invalidRequest, type GatewayError } from "./errors.ts";

/**
 * The request bodies of `POST /v1/chat/completions` and `POST /v1/completions`, validated
 * before anything touches the chain (a 400 moves no funds). Fields OpenAI defines that change
 * nothing here are accepted and ignored (`user`, `seed`, penalties of 0, `logprobs: false`,
 * `n: 1`); fields that would need a feature the network lacks are refused with a 400 naming
 * them. Unknown fields are dropped.
 *
 * InferGrid's own fields, either nested or top level (nested wins):
 *   infergrid: { redundancy, max_price_per_token, deadline_seconds }
 *   redundancy, max_price_per_token
 */

const UINT64_MAX = 2n ** 64n - 1n;
const maxTokens = z.number().int().min(1, "must be at least 1").max(MAX_TOKENS_LIMIT);
const pricePerToken = z
  .union([z.string().regex(/^\d+$/, "must be a decimal integer of GRID wei per token"), z.number().int().nonnegative()])
  .transform((v) => BigInt(v))
  .refine((v) => v <= UINT64_MAX, "must be at most 2^64-1 GRID wei per token");
const redundancy = z.number().int().min(1, "must be at least 1").max(8);

const extension = z.object({
  redundancy: redundancy.optional(),
  max_price_per_token: pricePerToken.optional(),
  /** Seconds from posting to the job's deadline (a worker that has not delivered by then is slashed and the job refunded). */
  deadline_seconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .optional(),
});

const textPart = z.object({ type: z.literal("text"), text: z.string() });
const chatMessage = z.object({
  role: z.enum(["system", "developer", "user", "assistant"], {
    message: 'must be "system", "developer", "user" or "assistant"',
  }),
  content: z.union([z.string(), z.array(textPart).min(1)], { message: "must be a string or an array of text parts" }),
  name: z.string().optional(),
});

const zeroOnly = (what: string) => z.number().refine((v) => v === 0, `${what} is not supported; leave it at 0`);

const common = {
  model: z.string({ message: "is required" }).min(1, "must name a model"),
  max_tokens: maxTokens.nullish(),
  temperature: z.number().min(0, "must be between 0 and 2").max(2, "must be between 0 and 2").nullish(),
  top_p: z.number().gt(0, "must be above 0 and at most 1").max(1, "must be above 0 and at most 1").nullish(),
  /** Accepted for compatibility; sampling is seeded by the job id (see the README). */
  seed: z.number().int().nullish(),
  stop: z
    .union([
      z.string().min(1, "must not be empty"),
      z.array(z.string().min(1, "must not be empty")).max(4, "at most 4 stop sequences"),
    ])
    .nullish(),
  user: z.string().optional(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  n: z.literal(1, { message: "only n = 1 is supported" }).nullish(),
  presence_penalty: zeroOnly("presence_penalty").nullish(),
  frequency_penalty: zeroOnly("frequency_penalty").nullish(),
  logprobs: z.union([z.literal(false), z.literal(0)], { message: "log probabilities are not supported" }).nullish(),
  redundancy: redundancy.optional(),
  max_price_per_token: pricePerToken.optional(),
  infergrid: extension.optional(),
};

export const chatRequestSchema = z.object({
  ...common,
  messages: z.array(chatMessage).min(1, "must hold at least one message"),
  max_completion_tokens: maxTokens.nullish(),
  tools: z.array(z.unknown()).max(0, "tool calls are not supported").nullish(),
  response_format: z.object({ type: z.literal("text", { message: "only text responses are supported" }) }).nullish(),
});

export const completionRequestSchema = z.object({
  ...common,
  prompt: z.union(
    [
      z.string().min(1, "must not be empty"),
      z.array(z.string().min(1, "must not be empty")).length(1, "only one prompt per request is supported"),
    ],
    {
      message: "must be a string",
    },
  ),
  echo: z.literal(false, { message: "echo is not supported" }).nullish(),
  suffix: z.null({ message: "suffix is not supported" }).optional(),
  best_of: z.literal(1, { message: "only best_of = 1 is supported" }).nullish(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;
export type CompletionRequest = z.output<typeof completionRequestSchema>;

/** What a request asks of the network, in the SDK's terms. */
export type JobRequest = {
  readonly kind: "chat" | "completion";
  readonly model: string;
  readonly input: { readonly messages: ChatMessage[] } | { readonly prompt: string };
  readonly maxTokens: number;
  readonly sampling: { temperature?: number; topP?: number; stop?: string[] };
  readonly redundancy: number | undefined;
  readonly maxPricePerToken: bigint | undefined;
  readonly deadlineSeconds: number | undefined;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly user: string | undefined;
};

/** `messages[0].content` from zod's path. */
function paramName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

function toBadRequest(error: z.ZodError): GatewayError {
  const issue = error.issues[0]!;
  const param = paramName(issue.path);
  const message = param ? `Invalid value for '${param}': ${issue.message}.` : `Invalid request body: ${issue.message}.`;
  return invalidRequest(
    `${message} Nothing was posted and no funds moved.`,
    param,
    issue.code === "invalid_type" ? "invalid_type" : "invalid_value",
  );
}

const messageText = (content: string | { text: string }[]) =>
  typeof content === "string" ? content : content.map((p) => p.text).join("");

function commonOptions(
  r: z.output<z.ZodObject<typeof common>>,
  defaultMaxTokens: number,
  maxTokensField: number | null | undefined,
) {
  const stop = r.stop == null ? undefined : typeof r.stop === "string" ? [r.stop] : r.stop;
  return {
    model: r.model,
    maxTokens: maxTokensField ?? r.max_tokens ?? defaultMaxTokens,
    sampling: {
      ...(r.temperature != null ? { temperature: r.temperature } : {}),
      ...(r.top_p != null ? { topP: r.top_p } : {}),
      ...(stop ? { stop } : {}),
    },
    redundancy: r.infergrid?.redundancy ?? r.redundancy,
    maxPricePerToken: r.infergrid?.max_price_per_token ?? r.max_price_per_token,
    deadlineSeconds: r.infergrid?.deadline_seconds,
    stream: r.stream === true,
    includeUsage: r.stream === true && r.stream_options?.include_usage === true,
    user: r.user,
  };
}

/** Validates a chat completion body; throws a 400 `GatewayError` naming the first bad parameter. */
export function parseChatRequest(body: unknown, defaultMaxTokens: number): JobRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw toBadRequest(parsed.error);
  const r = parsed.data;
  const messages: ChatMessage[] = r.messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: messageText(m.content),
  }));
  // max_completion_tokens is the newer name; it wins when both are given.
  return { kind: "chat", input: { messages }, ...commonOptions(r, defaultMaxTokens, r.max_completion_tokens) };
}

/** Validates a (legacy) completion body; throws a 400 `GatewayError` naming the first bad parameter. */
export function parseCompletionRequest(body: unknown, defaultMaxTokens: number): JobRequest {
  const parsed = completionRequestSchema.safeParse(body);
  if (!parsed.success) throw toBadRequest(parsed.error);
  const r = parsed.data;
  const prompt = typeof r.prompt === "string" ? r.prompt : r.prompt[0]!;
  return { kind: "completion", input: { prompt }, ...commonOptions(r, defaultMaxTokens, undefined) };
}
