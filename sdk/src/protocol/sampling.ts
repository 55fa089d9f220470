import type { Sampling } from "./messages.ts";

/**
 * What a job input's omitted sampling fields mean. Workers and validators must read them the
 * same way, or a validator's re-run of an honest job would differ: greedy decoding, no nucleus
 * or top-k cut, no stop sequences.
 */
export const SAMPLING_DEFAULTS = { temperature: 0, topP: 1, topK: 0, stop: [] as readonly string[] } as const;

export type ResolvedSampling = {
  readonly maxTokens: number;
  readonly temperature: number;
  readonly topP: number;
  readonly topK: number;
  readonly stop: string[];
};

/**
 * A job input's sampling with the defaults filled in, and `maxTokens` capped at the job's
 * on-chain `maxOutputTokens` (a poster may ask for more than it paid for; the market bills
 * at most the maximum).
 * @example resolveSampling(input.sampling, job.maxOutputTokens) // { maxTokens, temperature: 0, topP: 1, topK: 0, stop: [] }
 */
export function resolveSampling(sampling: Sampling, maxOutputTokens?: number): ResolvedSampling {
  return {
    maxTokens: maxOutputTokens === undefined ? sampling.maxTokens : Math.min(sampling.maxTokens, maxOutputTokens),
    temperature: sampling.temperature ?? SAMPLING_DEFAULTS.temperature,
    topP: sampling.topP ?? SAMPLING_DEFAULTS.topP,
    topK: sampling.topK ?? SAMPLING_DEFAULTS.topK,
    stop: [...(sampling.stop ?? SAMPLING_DEFAULTS.stop)],
  };
}
