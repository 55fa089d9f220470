import type { InferGridBaseClient } from "../baseClient.ts";
import { pickWorkers, type RankedWorker, type Route, type RouteRequest } from "../router.ts";
import { routerContext } from "./shared.ts";

export type RouteJobParams = Omit<RouteRequest, "exclude"> & {
  /** How many workers the job names. */
  readonly redundancy: number;
  /** Addresses never to pick besides the client's own account (the market refuses a poster as its worker). */
  readonly exclude?: RouteRequest["exclude"];
};
export type RouteJobReturnType = Route & { readonly picked: readonly RankedWorker[] };

/**
 * Picks the job's workers: every registered worker that can take it now (the checks
 * `WorkerRegistry.reserve` makes, then a health check), ranked by Elo, price and round trip,
 * and the best `redundancy` of them. Throws `NoEligibleWorkerError` (NO_ELIGIBLE_WORKER) with
 * each left-out worker's `code` and reason when too few are eligible.
 * @example
 * const { picked } = await routeJob(client, {
 *   modelId: 1n, redundancy: 1, minDuration: 600,
 *   maxPricePerInputToken: 10n ** 10n, maxPricePerOutputToken: 10n ** 10n,
 * });
 */
export async function routeJob(client: InferGridBaseClient, params: RouteJobParams): Promise<RouteJobReturnType> {
  const { redundancy, exclude, ...req } = params;
  return pickWorkers(await routerContext(client), redundancy, {
    ...req,
    exclude: [client.account.address, ...(exclude ?? [])],
  });
}
