import { getAddress, isAddressEqual, type Address, type Hex, type PublicClient } from "viem";
import { z } from "zod";
import type { Deployment } from "./addresses.ts";
import { NoEligibleWorkerError, type Exclusion, type ExclusionCode } from "./errors.ts";
import { getContractConfigs } from "./contracts.ts";
import { workerRoutes } from "./protocol/index.ts";

/**
 * The router: which registered workers can take a job right now, and in what order to ask them.
 *
 * Eligibility mirrors what `WorkerRegistry.reserve` checks when the job is posted (registered,
 * not paused, stake >= `minWorkerStake`, serving the model, each price within its maximum,
 * under capacity, `minJobDuration` <= the job's duration), so a job posted to the chosen
 * workers does not revert; then each remaining worker's `${endpoint}/health` must answer
 * `status: "ok"` within `healthTimeoutMs` (default 1500 ms), for the address it is registered
 * under. Every excluded worker is returned with its reason.
 *
 * Ranking, highest score first, ties broken by the lower address:
 *
 *   score = (elo - 1500) / 100  -  2 * priceRatio  -  rttMs / 250
 *   priceRatio = (pricePerInputToken / maxPricePerInputToken + pricePerOutputToken / maxPricePerOutputToken) / 2
 *
 * (a ratio with a zero maximum counts as 0: the price must then be 0 too). So 100 Elo points
 * are worth half the price range, or 250 ms of round-trip time; a worker at the maximum price
 * gives up 2 points against a free one. Stake only gates eligibility: it secures the result
 * through slashing but says nothing about speed or quality.
 */

export const DEFAULT_HEALTH_TIMEOUT_MS = 1_500;
const PAGE = 100n;

export type RouterContext = {
  readonly publicClient: PublicClient;
  readonly deployment: Pick<Deployment, "WorkerRegistry" | "ProtocolConfig">;
  /** Used for the health checks; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
};

export type RouteRequest = {
  readonly modelId: bigint;
  readonly maxPricePerInputToken: bigint;
  readonly maxPricePerOutputToken: bigint;
  /** Seconds from posting to the deadline; workers with a longer `minJobDuration` are excluded. */
  readonly minDuration: number;
  /** Addresses never to pick, e.g. the poster itself (the market refuses a poster as worker). */
  readonly exclude?: readonly Address[];
  readonly healthTimeoutMs?: number;
};

export type RankedWorker = {
  readonly address: Address;
  readonly endpoint: string;
  readonly encryptionKey: Hex;
  readonly region: number;
  readonly elo: number;
  readonly stake: bigint;
  readonly capacity: number;
  readonly activeJobs: number;
  readonly minJobDuration: number;
  readonly jobsDone: bigint;
  readonly jobsFailed: bigint;
  readonly pricePerInputToken: bigint;
  readonly pricePerOutputToken: bigint;
  readonly rttMs: number;
  readonly score: number;
};

export type Route = { readonly ranked: readonly RankedWorker[]; readonly exclusions: readonly Exclusion[] };

const ratio = (price: bigint, max: bigint): number => (max === 0n ? 0 : Number(price) / Number(max));

/** The documented score (see the module comment). */
export function scoreWorker(
  w: { elo: number; pricePerInputToken: bigint; pricePerOutputToken: bigint; rttMs: number },
  r: RouteRequest,
): number {
  const priceRatio =
    (ratio(w.pricePerInputToken, r.maxPricePerInputToken) + ratio(w.pricePerOutputToken, r.maxPricePerOutputToken)) / 2;
  return (w.elo - 1500) / 100 - 2 * priceRatio - w.rttMs / 250;
}

/** Highest score first; equal scores by ascending address, so the order is deterministic. */
export function compareRanked(
  a: Pick<RankedWorker, "score" | "address">,
  b: Pick<RankedWorker, "score" | "address">,
): number {
  if (a.score !== b.score) return b.score - a.score;
  const x = a.address.toLowerCase();
  const y = b.address.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

const healthSchema = z.object({
  status: z.string(),
  address: z.string().optional(),
  chainId: z.number().optional(),
});

/** Every registered worker's address, read a page at a time. */
export async function listWorkers(ctx: RouterContext): Promise<Address[]> {
  const { WorkerRegistry } = getContractConfigs(ctx.deployment);
  const count = await ctx.publicClient.readContract({ ...WorkerRegistry, functionName: "workerCount" });
  const pages: Promise<readonly Address[]>[] = [];
  for (let offset = 0n; offset < count; offset += PAGE) {
    pages.push(ctx.publicClient.readContract({ ...WorkerRegistry, functionName: "workers", args: [offset, PAGE] }));
  }
  return (await Promise.all(pages)).flat();
}

/**
 * Measures one worker's `/health` round trip. Returns the time in ms, or the reason it does
 * not count as reachable.
 */
export async function probeHealth(
  endpoint: string,
  expected: { address: Address; chainId?: number },
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<{ ok: true; rttMs: number } | { ok: false; code: ExclusionCode; reason: string }> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const url = `${endpoint.replace(/\/+$/, "")}${workerRoutes.health}`;
  const started = performance.now();
  try {
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await res.json().catch(() => undefined);
    const rttMs = performance.now() - started;
    if (!res.ok) return { ok: false, code: "UNHEALTHY", reason: `health check answered HTTP ${res.status}` };
    const parsed = healthSchema.safeParse(body);
    if (!parsed.success) return { ok: false, code: "UNHEALTHY", reason: "health check did not answer a HealthReport" };
    if (parsed.data.status !== "ok")
      return { ok: false, code: "UNHEALTHY", reason: `health status is "${parsed.data.status}", not "ok"` };
    if (parsed.data.address && !sameAddress(parsed.data.address, expected.address)) {
      return {
        ok: false,
        code: "UNHEALTHY",
        reason: `endpoint answers for ${parsed.data.address}, not for this worker`,
      };
    }
    if (
      expected.chainId !== undefined &&
      parsed.data.chainId !== undefined &&
      parsed.data.chainId !== expected.chainId
    ) {
      return {
        ok: false,
        code: "UNHEALTHY",
        reason: `endpoint serves chain ${parsed.data.chainId}, not ${expected.chainId}`,
      };
    }
    return { ok: true, rttMs };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return timedOut
      ? { ok: false, code: "HEALTH_TIMEOUT", reason: `unreachable: no health answer within ${timeoutMs} ms` }
      : { ok: false, code: "UNREACHABLE", reason: `unreachable: ${describe(e)}` };
  }
}

function sameAddress(a: string, b: Address): boolean {
  try {
    return isAddressEqual(getAddress(a), b);
  } catch {
    return false;
  }
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const code = cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : "";
  return code ? `${e.message} (${code})` : e.message;
}

/** Every worker that can take the job now, ranked, plus every excluded worker with its reason. */
export async function eligibleWorkers(ctx: RouterContext, req: RouteRequest): Promise<Route> {
  const { publicClient } = ctx;
  const { WorkerRegistry, ProtocolConfig } = getContractConfigs(ctx.deployment);
  const [addresses, params, chainId] = await Promise.all([
    listWorkers(ctx),
    publicClient.readContract({ ...ProtocolConfig, functionName: "params" }),
    publicClient.getChainId(),
  ]);
  const exclusions: Exclusion[] = [];
  const candidates = await Promise.all(
    addresses.map(async (address) => {
      const [w, profile, price, stats] = await Promise.all([
        publicClient.readContract({ ...WorkerRegistry, functionName: "worker", args: [address] }),
        publicClient.readContract({ ...WorkerRegistry, functionName: "profile", args: [address] }),
        publicClient.readContract({ ...WorkerRegistry, functionName: "modelPrice", args: [address, req.modelId] }),
        publicClient.readContract({ ...WorkerRegistry, functionName: "stats", args: [address] }),
      ]);
      return { address, w, profile, price, stats };
    }),
  );

  const onChain = candidates.filter(({ address, w, profile, price }) => {
    const excluded = ((): { code: ExclusionCode; reason: string } | undefined => {
      if (req.exclude?.some((x) => isAddressEqual(x, address)))
        return { code: "EXCLUDED_BY_CALLER", reason: "excluded by the caller (the poster cannot be its own worker)" };
      if (!w.registered) return { code: "NOT_REGISTERED", reason: "not registered" };
      if (w.paused) return { code: "PAUSED", reason: "paused by its operator" };
      if (w.stake < params.minWorkerStake)
        return {
          code: "STAKE_BELOW_MINIMUM",
          reason: `stake ${w.stake} wei is below the minimum ${params.minWorkerStake} wei`,
        };
      if (!price.served) return { code: "MODEL_NOT_SERVED", reason: `does not serve model ${req.modelId}` };
      if (price.pricePerInputToken > req.maxPricePerInputToken) {
        return {
          code: "INPUT_PRICE_ABOVE_MAX",
          reason: `input price ${price.pricePerInputToken} wei/token is above your max ${req.maxPricePerInputToken}`,
        };
      }
      if (price.pricePerOutputToken > req.maxPricePerOutputToken) {
        return {
          code: "OUTPUT_PRICE_ABOVE_MAX",
          reason: `output price ${price.pricePerOutputToken} wei/token is above your max ${req.maxPricePerOutputToken}`,
        };
      }
      if (w.activeJobs >= w.capacity)
        return { code: "AT_CAPACITY", reason: `at capacity (${w.activeJobs}/${w.capacity} jobs)` };
      if (w.minJobDuration > req.minDuration)
        return {
          code: "DEADLINE_TOO_SHORT",
          reason: `needs at least ${w.minJobDuration} s to the deadline, the job gives ${req.minDuration} s`,
        };
      return undefined;
    })();
    if (excluded) exclusions.push({ worker: address, endpoint: profile.endpoint, ...excluded });
    return excluded === undefined;
  });

  const probed = await Promise.all(
    onChain.map(async (c) => ({
      c,
      health: await probeHealth(
        c.profile.endpoint,
        { address: c.address, chainId },
        { fetch: ctx.fetch, timeoutMs: req.healthTimeoutMs },
      ),
    })),
  );
  const ranked: RankedWorker[] = [];
  for (const { c, health } of probed) {
    if (!health.ok) {
      exclusions.push({ worker: c.address, endpoint: c.profile.endpoint, code: health.code, reason: health.reason });
      continue;
    }
    const base = {
      address: c.address,
      endpoint: c.profile.endpoint.replace(/\/+$/, ""),
      encryptionKey: c.profile.encryptionKey,
      region: c.profile.region,
      elo: c.w.elo,
      stake: c.w.stake,
      capacity: c.w.capacity,
      activeJobs: c.w.activeJobs,
      minJobDuration: c.w.minJobDuration,
      jobsDone: c.stats.jobsDone,
      jobsFailed: c.stats.jobsFailed,
      pricePerInputToken: c.price.pricePerInputToken,
      pricePerOutputToken: c.price.pricePerOutputToken,
      rttMs: Math.round(health.rttMs * 10) / 10,
    };
    ranked.push({ ...base, score: scoreWorker(base, req) });
  }
  ranked.sort(compareRanked);
  return { ranked, exclusions };
}

/** The top `n` of `eligibleWorkers`, or `NoEligibleWorkerError` naming why each other worker was left out. */
export async function pickWorkers(
  ctx: RouterContext,
  n: number,
  req: RouteRequest,
): Promise<Route & { readonly picked: readonly RankedWorker[] }> {
  const route = await eligibleWorkers(ctx, req);
  if (route.ranked.length < n) throw new NoEligibleWorkerError(req.modelId, n, route.ranked.length, route.exclusions);
  return { ...route, picked: route.ranked.slice(0, n) };
}
