import type { Hex } from "viem";
import { z } from "zod";
import { InvalidOptionsError } from "./errors.ts";
import { bytes32Schema } from "./protocol.ts";

const GB = 1_000_000_000n;
const BPS = 10_000n;

/** One registered model's demand over the window, as read from the chain (or the subgraph). */
export const modelDemandSchema = z
  .object({
    manifestHash: bytes32Schema,
    /** bytes of its files (the manifest's sizes) */
    sizeBytes: z.number().int().positive(),
    /** jobs and tokens over the window: tie-breakers when earnings are equal */
    jobs: z.number().int().nonnegative(),
    tokens: z.number().int().nonnegative(),
    /** fees its jobs paid or offered over the window, in wei */
    fees: z.bigint().nonnegative(),
    /** workers serving it now (this node included when it serves it) */
    workers: z.number().int().nonnegative(),
  })
  .strict();

/** A model on this node's disk. */
export const heldModelSchema = z
  .object({
    manifestHash: bytes32Schema,
    sizeBytes: z.number().int().nonnegative(),
    /** jobs this node has accepted and not finished: such a model is never dropped */
    openJobs: z.number().int().nonnegative(),
  })
  .strict();

export const placementInputSchema = z
  .object({
    models: z.array(modelDemandSchema),
    held: z.array(heldModelSchema),
    diskBudgetBytes: z.number().int().nonnegative(),
    /**
     * Advantage of a held model, in basis points of its earnings: a newcomer must out-earn it
     * by this margin to take its place, and a held model falls below the minimum only when its
     * earnings fall this much further, so decisions do not flap on noise. 2000 = 20 %.
     */
    hysteresisBps: z.number().int().min(0).max(100_000).default(2_000),
    /** wei per GB over the window a model must bring this node to be worth its disk */
    minFeesPerGB: z.bigint().nonnegative().default(0n),
    /** models the operator always wants (fetched when they fit, never dropped) */
    pinned: z.array(bytes32Schema).default([]),
  })
  .strict();

export type ModelDemand = z.input<typeof modelDemandSchema>;
export type HeldModel = z.input<typeof heldModelSchema>;
export type PlacementInput = z.input<typeof placementInputSchema>;

export type PlacementReason =
  /** held with open jobs, or pinned: kept whatever the budget */
  | "open-jobs"
  | "pinned"
  /** ranked high enough to fit the budget */
  | "ranked"
  /** earns this node less than minFeesPerGB (a model that earns nothing is never fetched) */
  | "below-minimum"
  /** worth its disk, but better-earning models fill the budget */
  | "no-room";

export type PlacementEntry = {
  readonly manifestHash: Hex;
  readonly action: "keep" | "fetch" | "drop" | "skip";
  readonly reason: PlacementReason;
  readonly sizeBytes: number;
  /** this node's expected share of the model's fees, in wei per GB of its files */
  readonly feesPerGB: bigint;
  /** feesPerGB with a held model's hysteresis advantage: what the ranking compares */
  readonly weight: bigint;
};

export type PlacementDecision = {
  readonly keep: readonly Hex[];
  readonly fetch: readonly Hex[];
  readonly drop: readonly Hex[];
  /** bytes of files once the decision is applied */
  readonly usedBytes: number;
  /** models that may not be dropped (open jobs, pinned) alone exceed the budget */
  readonly overBudget: boolean;
  /** one entry per model held or registered, ranked (kept/fetched first) */
  readonly entries: readonly PlacementEntry[];
};

type Candidate = {
  hash: Hex;
  size: number;
  held: boolean;
  locked: PlacementReason | null;
  feesPerGB: bigint;
  weight: bigint;
  tokensPerGB: bigint;
  jobs: number;
};

/**
 * Decides which models this node should hold: a pure function of the chain's demand and the
 * node's disk. Each model is worth this node's share of its fees (fees / workers, counting
 * this node among them when it would join) per GB of files. Models that may not go (open jobs,
 * pinned) are kept first; the rest are taken by worth, held ones with their hysteresis
 * advantage, while they fit the budget (greedy by worth per GB, the usual knapsack
 * heuristic). Held models not taken are dropped; models not held that are taken are fetched.
 */
export function planPlacement(input: PlacementInput): PlacementDecision {
  const parsed = placementInputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidOptionsError("placement input", z.prettifyError(parsed.error));
  const { models, held, diskBudgetBytes, hysteresisBps, minFeesPerGB, pinned } = parsed.data;
  const demand = new Map(models.map((m) => [m.manifestHash, m]));
  const heldBy = new Map(held.map((h) => [h.manifestHash, h]));
  const pins = new Set(pinned);

  const candidates: Candidate[] = [];
  for (const hash of new Set<Hex>([...heldBy.keys(), ...demand.keys(), ...pins])) {
    const h = heldBy.get(hash);
    const d = demand.get(hash);
    const size = h?.sizeBytes ?? d?.sizeBytes;
    if (size === undefined) continue; // pinned, not held and not registered: nothing to fetch
    const isHeld = h !== undefined;
    const sharers = BigInt(isHeld ? Math.max(d?.workers ?? 0, 1) : (d?.workers ?? 0) + 1);
    const bytes = BigInt(Math.max(size, 1));
    const feesPerGB = ((d?.fees ?? 0n) * GB) / (sharers * bytes);
    candidates.push({
      hash,
      size,
      held: isHeld,
      locked: isHeld && h.openJobs > 0 ? "open-jobs" : pins.has(hash) ? "pinned" : null,
      feesPerGB,
      weight: isHeld ? (feesPerGB * (BPS + BigInt(hysteresisBps))) / BPS : feesPerGB,
      tokensPerGB: (BigInt(d?.tokens ?? 0) * GB) / bytes,
      jobs: d?.jobs ?? 0,
    });
  }

  const ranked = [...candidates].sort(
    (a, b) =>
      tier(a) - tier(b) ||
      cmp(b.weight, a.weight) ||
      Number(b.held) - Number(a.held) ||
      cmp(b.tokensPerGB, a.tokensPerGB) ||
      b.jobs - a.jobs ||
      (a.hash < b.hash ? -1 : 1),
  );

  let used = 0;
  let overBudget = false;
  const entries: PlacementEntry[] = [];
  const take = (c: Candidate, reason: PlacementReason) =>
    entries.push({ ...entryOf(c), action: c.held ? "keep" : "fetch", reason });
  const leave = (c: Candidate, reason: PlacementReason) =>
    entries.push({ ...entryOf(c), action: c.held ? "drop" : "skip", reason });
  for (const c of ranked) {
    if (tier(c) === 0) {
      used += c.size;
      overBudget ||= used > diskBudgetBytes;
      take(c, c.locked ?? "ranked");
    } else if (c.locked === "pinned") {
      if (used + c.size <= diskBudgetBytes) {
        used += c.size;
        take(c, "pinned");
      } else leave(c, "no-room");
    } else if (c.weight < minFeesPerGB || (!c.held && c.feesPerGB === 0n)) leave(c, "below-minimum");
    else if (used + c.size <= diskBudgetBytes) {
      used += c.size;
      take(c, "ranked");
    } else leave(c, "no-room");
  }
  const order = { keep: 0, fetch: 0, drop: 1, skip: 1 };
  entries.sort((a, b) => order[a.action] - order[b.action]);
  const pick = (action: PlacementEntry["action"]) =>
    entries.filter((e) => e.action === action).map((e) => e.manifestHash);
  return { keep: pick("keep"), fetch: pick("fetch"), drop: pick("drop"), usedBytes: used, overBudget, entries };
}

/** Models that must stay first, then pinned ones to fetch, then the rest by worth. */
function tier(c: Candidate): number {
  if (c.held && c.locked !== null) return 0;
  return c.locked === "pinned" ? 1 : 2;
}

function entryOf(c: Candidate) {
  return { manifestHash: c.hash, sizeBytes: c.size, feesPerGB: c.feesPerGB, weight: c.weight };
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
