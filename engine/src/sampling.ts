import { concat, keccak256, stringToBytes, toBytes, type Hex } from "viem";

/**
 * Decoding rules. Both are "argmax of a score":
 *   greedy:   score_j = logit_j
 *   sampling: score_j = logit_j / T + g_j  over the tokens kept by top-k and top-p,
 * where g_j is Gumbel noise drawn from a counter-based stream keyed by keccak256(jobId),
 * indexed by (output position, token id). Gumbel-max is an exact sample from the softmax
 * of logit/T restricted to the kept set, and because the noise is a pure function of
 * (job, position, token) a verifier replays it over teacher-forced logits without
 * regenerating anything, and float noise only moves the comparison by a bounded amount.
 */

export type SamplingParams = {
  /** 0 (or absent) means greedy */
  readonly temperature: number;
  /** 0 disables top-k */
  readonly topK: number;
  /** 1 disables top-p */
  readonly topP: number;
};

export const GREEDY: SamplingParams = { temperature: 0, topK: 0, topP: 1 };

export const isGreedy = (p: SamplingParams): boolean => p.temperature <= 0;

/** 8 key words derived from the job id; domain-separated so the key is never the raw id. */
export function samplingKey(jobId: Hex): Uint32Array {
  const bytes = toBytes(keccak256(concat([stringToBytes("infergrid.sampling.v1"), jobId])));
  const key = new Uint32Array(8);
  for (let i = 0; i < 8; i++)
    key[i] = ((bytes[4 * i]! << 24) | (bytes[4 * i + 1]! << 16) | (bytes[4 * i + 2]! << 8) | bytes[4 * i + 3]!) >>> 0;
  return key;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in (0, 1) with 53 random bits, a pure function of (key, position, token). */
export function uniformAt(key: Uint32Array, position: number, token: number): number {
  const p = fmix32(position ^ key[0]!) ^ key[1]!;
  const a = fmix32(fmix32(p ^ fmix32(token ^ key[2]!)) ^ key[3]!);
  const b =
    fmix32(fmix32(a ^ key[4]! ^ Math.imul(token + 0x9e3779b9, 0x27d4eb2f)) ^ fmix32(p ^ key[5]!) ^ key[6]!) ^ key[7]!;
  return ((a >>> 5) * 67108864 + ((b >>> 0) >>> 6) + 0.5) / 9007199254740992;
}

export function gumbelAt(key: Uint32Array, position: number, token: number): number {
  return -Math.log(-Math.log(uniformAt(key, position, token)));
}

/**
 * The 4 largest logits, descending, ties to the lower id, written into `ids[at..at+3]` and
 * `values[at..at+3]`. Scalar locals and caller-owned buffers: this runs once per generated
 * token over the whole vocabulary, and allocating its result per token showed up both in
 * time and in garbage-collection work on the test model.
 */
export function top4Into(
  logits: Float32Array,
  ids: Uint32Array | Int32Array,
  values: Float64Array | Float32Array,
  at: number,
): void {
  let v0 = -Infinity,
    v1 = -Infinity,
    v2 = -Infinity,
    v3 = -Infinity;
  let i0 = -1,
    i1 = -1,
    i2 = -1,
    i3 = -1;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (v <= v3) continue;
    // strict > keeps the earlier (lower) id ahead on ties
    if (v > v1) {
      v3 = v2;
      i3 = i2;
      v2 = v1;
      i2 = i1;
      if (v > v0) {
        v1 = v0;
        i1 = i0;
        v0 = v;
        i0 = i;
      } else {
        v1 = v;
        i1 = i;
      }
    } else if (v > v2) {
      v3 = v2;
      i3 = i2;
      v2 = v;
      i2 = i;
    } else {
      v3 = v;
      i3 = i;
    }
  }
  ids[at] = i0;
  ids[at + 1] = i1;
  ids[at + 2] = i2;
  ids[at + 3] = i3;
  values[at] = v0;
  values[at + 1] = v1;
  values[at + 2] = v2;
  values[at + 3] = v3;
}

export function top4(logits: Float32Array): { ids: number[]; values: number[] } {
  const ids = new Int32Array(4);
  const values = new Float64Array(4);
  top4Into(logits, ids, values, 0);
  const n = Math.min(4, logits.length);
  return { ids: Array.from(ids.subarray(0, n)), values: Array.from(values.subarray(0, n)) };
}

/** The k largest logits, descending, ties to the lower id. One pass, O(V·k) with k small. */
export function topKOf(logits: Float32Array, k: number): { ids: number[]; values: number[] } {
  if (k === 4) return top4(logits);
  const ids = new Int32Array(k);
  const values = new Float64Array(k).fill(-Infinity);
  let filled = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (filled === k && v <= values[k - 1]!) continue;
    let j = filled < k ? filled++ : k - 1;
    while (j > 0 && v > values[j - 1]!) {
      values[j] = values[j - 1]!;
      ids[j] = ids[j - 1]!;
      j--;
    }
    values[j] = v;
    ids[j] = i;
  }
  return { ids: Array.from(ids.subarray(0, filled)), values: Array.from(values.subarray(0, filled)) };
}

export function argmax(logits: Float32Array): number {
  let best = 0;
  let bestV = logits[0]!;
  for (let i = 1; i < logits.length; i++) {
    if (logits[i]! > bestV) {
      bestV = logits[i]!;
      best = i;
    }
  }
  return best;
}

/** Ids sorted by logit descending (ties: lower id first). */
function sortedIds(logits: Float32Array, limit: number): number[] {
  if (limit > 0 && limit < 64) return topKOf(logits, limit).ids;
  const ids = Array.from({ length: logits.length }, (_, i) => i);
  ids.sort((a, b) => logits[b]! - logits[a]! || a - b);
  return limit > 0 ? ids.slice(0, limit) : ids;
}

/** The kept set of top-k then top-p, as the generator computes it (exactly, no tolerance). */
export function keptSet(logits: Float32Array, params: SamplingParams): number[] {
  const noTopP = params.topP >= 1;
  if (params.topK <= 0 && noTopP) return Array.from({ length: logits.length }, (_, i) => i);
  const ids = sortedIds(logits, params.topK);
  if (noTopP) return ids;
  const T = params.temperature;
  const m = logits[ids[0]!]! / T;
  let z = 0;
  const w = ids.map((id) => {
    const e = Math.exp(logits[id]! / T - m);
    z += e;
    return e;
  });
  const kept: number[] = [];
  let cum = 0;
  for (let i = 0; i < ids.length; i++) {
    if (cum >= params.topP) break;
    kept.push(ids[i]!);
    cum += w[i]! / z;
  }
  return kept;
}

/** Chooses the token at output position `position`. */
export function chooseToken(
  logits: Float32Array,
  params: SamplingParams,
  key: Uint32Array | null,
  position: number,
): number {
  if (isGreedy(params)) return argmax(logits);
  if (key === null) throw new Error("sampling needs a key");
  const T = params.temperature;
  let best = -1;
  let bestScore = -Infinity;
  for (const id of keptSet(logits, params)) {
    const s = logits[id]! / T + gumbelAt(key, position, id);
    if (s > bestScore || (s === bestScore && id < best)) {
      bestScore = s;
      best = id;
    }
  }
  return best;
}

export type RuleCheck = { ok: true } | { ok: false; detail: string };

/**
 * Checks that `token` is what the decoding rule could have chosen from logits that differ
 * from `logits` by at most `tol` per entry (the verifier's own logits vs the worker's).
 * Sound for honest float noise within tol; a cheater gains at most that slack.
 */
export function checkRule(
  logits: Float32Array,
  token: number,
  params: SamplingParams,
  key: Uint32Array | null,
  position: number,
  tol: number,
): RuleCheck {
  const V = logits.length;
  if (isGreedy(params)) {
    const max = logits[argmax(logits)]!;
    const gap = max - logits[token]!;
    return gap <= 2 * tol
      ? { ok: true }
      : { ok: false, detail: `token ${token} is ${gap.toFixed(4)} below the max logit (bound ${2 * tol})` };
  }
  if (key === null) throw new Error("sampling needs a key");
  const T = params.temperature;
  const lt = logits[token]!;

  // top-k: fewer than k tokens can have been strictly above the token.
  const maybeTopK = new Uint8Array(V);
  const surelyTopK = new Uint8Array(V);
  if (params.topK > 0) {
    // Only the k-th and (k+1)-th largest logits matter: a partial selection, not a sort of the vocabulary.
    const top = topKOf(logits, Math.min(params.topK + 1, V)).values;
    const kth = top[Math.min(params.topK, V) - 1]!;
    const next = params.topK < V ? top[params.topK]! : -Infinity;
    for (let i = 0; i < V; i++) {
      if (logits[i]! >= kth - 2 * tol) maybeTopK[i] = 1;
      // surely kept: even the (k+1)-th token moving up by 2·tol stays below it
      if (logits[i]! > next + 2 * tol) surelyTopK[i] = 1;
    }
    if (!maybeTopK[token]) return { ok: false, detail: `token ${token} is outside the top-${params.topK}` };
  } else {
    maybeTopK.fill(1);
    surelyTopK.fill(1);
  }

  let kept = surelyTopK;
  if (params.topP < 1) {
    let m = -Infinity;
    for (let i = 0; i < V; i++) if (maybeTopK[i] && logits[i]! > m) m = logits[i]!;
    const w = new Float64Array(V);
    let zMaybe = 0;
    let zSure = 0;
    for (let i = 0; i < V; i++) {
      if (!maybeTopK[i]) continue;
      w[i] = Math.exp((logits[i]! - m) / T);
      zMaybe += w[i]!;
      if (surelyTopK[i]) zSure += w[i]!;
    }
    const slack = Math.exp((2 * tol) / T);
    // Lower bound of the mass strictly before the token in the worker's order.
    let before = 0;
    for (let i = 0; i < V; i++) if (surelyTopK[i] && logits[i]! > lt + 2 * tol) before += w[i]!;
    if (before / slack / zMaybe >= params.topP)
      return { ok: false, detail: `token ${token} is outside the top-p ${params.topP} mass` };
    // Tokens surely kept by top-p: an upper bound of the mass before them stays under top_p.
    const order = Array.from({ length: V }, (_, i) => i)
      .filter((i) => maybeTopK[i])
      .sort((a, b) => logits[b]! - logits[a]! || a - b);
    kept = new Uint8Array(V);
    let j = 0;
    let massAbove = 0;
    for (const i of order) {
      while (j < order.length && logits[order[j]!]! >= logits[i]! - 2 * tol) {
        massAbove += w[order[j]!]!;
        j++;
      }
      const upper = ((massAbove - w[i]!) * slack) / (zSure || zMaybe);
      if (surelyTopK[i] && upper < params.topP) kept[i] = 1;
    }
  }

  const st = lt / T + gumbelAt(key, position, token);
  let bestOther = -Infinity;
  let bestId = -1;
  for (let i = 0; i < V; i++) {
    if (!kept[i] || i === token) continue;
    const s = logits[i]! / T + gumbelAt(key, position, i);
    if (s > bestOther) {
      bestOther = s;
      bestId = i;
    }
  }
  const bound = (2 * tol) / T;
  return st >= bestOther - bound
    ? { ok: true }
    : {
        ok: false,
        detail: `seeded sample picks token ${bestId}, not ${token} (score gap ${(bestOther - st).toFixed(4)}, bound ${bound.toFixed(4)})`,
      };
}
