import type { JobResult } from "@infergrid/sdk";
import type { Posted } from "./jobs.ts";

/** The OpenAI response objects the gateway sends, built from a job's result. */

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/** InferGrid's extra field on every response (and on the last stream chunk). */
export type InferGridInfo = {
  job_id: string;
  transaction: string;
  /** GRID wei actually owed: each delivering worker's tokens at its snapshotted prices. */
  cost: string;
  escrow: string;
  /** The returned text hashed to its worker's on-chain commitment. */
  verified: boolean;
  /** The job's state on chain when the response was sent (usually "challenge": final after the challenge window). */
  status: string;
  model_id: string;
  model_hash: string;
  workers: {
    address: string;
    status: string;
    input_tokens: number;
    output_tokens: number;
    price_per_input_token: string;
    price_per_output_token: string;
    fee: string;
  }[];
};

export type Kind = "chat" | "completion";

export const usageOf = (r: JobResult): Usage => ({
  prompt_tokens: r.inputTokens,
  completion_tokens: r.outputTokens,
  total_tokens: r.inputTokens + r.outputTokens,
});

/** The engine says eos / stop / length; OpenAI says stop / length. */
export const finishReasonOf = (r: JobResult): "stop" | "length" => (r.finishReason === "length" ? "length" : "stop");

/**
 * The answer as OpenAI shows it: cut before the first stop sequence. (A worker's output text
 * is the decoded output tokens, and the token that completes a stop sequence is one of them.)
 */
export function answerText(r: JobResult, stops: readonly string[]): string {
  let cut = -1;
  for (const stop of stops) {
    const at = stop === "" ? -1 : r.text.indexOf(stop);
    if (at !== -1 && (cut === -1 || at < cut)) cut = at;
  }
  return cut === -1 ? r.text : r.text.slice(0, cut);
}

export function infergridInfo(r: JobResult): InferGridInfo {
  return {
    job_id: r.jobId.toString(),
    transaction: r.transactions.post,
    cost: r.cost.toString(),
    escrow: r.escrow.toString(),
    verified: r.verified,
    status: r.status,
    model_id: r.model.id.toString(),
    model_hash: r.model.manifestHash,
    workers: r.workers.map((w) => ({
      address: w.address,
      status: w.status,
      input_tokens: w.inputTokens,
      output_tokens: w.outputTokens,
      price_per_input_token: w.pricePerInputToken.toString(),
      price_per_output_token: w.pricePerOutputToken.toString(),
      fee: w.fee.toString(),
    })),
  };
}

/** Headers on every job response; a stream sends the first two up front and the rest in its last chunk. */
export function jobHeaders(p: Posted, r?: JobResult): Record<string, string> {
  return {
    "x-infergrid-job-id": p.jobId.toString(),
    "x-infergrid-tx": p.transaction,
    ...(r
      ? {
          "x-infergrid-cost": r.cost.toString(),
          "x-infergrid-verified": String(r.verified),
          "x-infergrid-status": r.status,
        }
      : {}),
  };
}

export const responseId = (kind: Kind, jobId: bigint) => `${kind === "chat" ? "chatcmpl" : "cmpl"}-${jobId}`;

export function completionBody(kind: Kind, r: JobResult, created: number, stops: readonly string[]) {
  const text = answerText(r, stops);
  const common = {
    id: responseId(kind, r.jobId),
    created,
    model: r.model.name,
    system_fingerprint: r.model.manifestHash,
  };
  const choice =
    kind === "chat"
      ? {
          index: 0,
          message: { role: "assistant", content: text, refusal: null },
          logprobs: null,
          finish_reason: finishReasonOf(r),
        }
      : { index: 0, text, logprobs: null, finish_reason: finishReasonOf(r) };
  return {
    ...common,
    object: kind === "chat" ? "chat.completion" : "text_completion",
    choices: [choice],
    usage: usageOf(r),
    infergrid: infergridInfo(r),
  };
}

/** Builds the chunks of one stream: OpenAI's chat.completion.chunk or text_completion objects. */
export function chunkBuilder(
  kind: Kind,
  p: { jobId: bigint; model: string; fingerprint: string | null; created: number; includeUsage: boolean },
) {
  const head = {
    id: responseId(kind, p.jobId),
    object: kind === "chat" ? "chat.completion.chunk" : "text_completion",
    created: p.created,
    model: p.model,
    system_fingerprint: p.fingerprint,
  };
  const usageNull = p.includeUsage ? { usage: null } : {};
  const choice = (text: string | null, finish: "stop" | "length" | null, first = false) =>
    kind === "chat"
      ? {
          index: 0,
          delta: text === null ? {} : first ? { role: "assistant", content: text } : { content: text },
          logprobs: null,
          finish_reason: finish,
        }
      : { index: 0, text: text ?? "", logprobs: null, finish_reason: finish };
  return {
    /** Chat streams open with the assistant's role and empty content, as OpenAI's do. */
    first: () => (kind === "chat" ? { ...head, choices: [choice("", null, true)], ...usageNull } : undefined),
    token: (text: string) => ({ ...head, choices: [choice(text, null)], ...usageNull }),
    /** The finish chunk, then (with include_usage) the usage chunk; the last one carries `infergrid`. */
    final: (r: JobResult) => {
      const finish = { ...head, choices: [choice(kind === "chat" ? null : "", finishReasonOf(r))], ...usageNull };
      if (!p.includeUsage) return [{ ...finish, infergrid: infergridInfo(r) }];
      return [finish, { ...head, choices: [], usage: usageOf(r), infergrid: infergridInfo(r) }];
    },
  };
}
