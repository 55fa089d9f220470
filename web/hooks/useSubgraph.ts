"use client";
// History and aggregates come from the subgraph; live state comes from the chain through wagmi.
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { subgraphQueries, type SubgraphQueryName } from "@infergrid/sdk/subgraph";
import { useAppConfig } from "./useAppConfig";

export class SubgraphError extends Error {
  override name = "SubgraphError";
  readonly url: string;
  constructor(url: string, message: string) {
    super(`Subgraph at ${url}: ${message}`);
    this.url = url;
  }
}

export async function querySubgraph<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new SubgraphError(url, `unreachable (${(e as Error).message}); is the indexer running?`);
  }
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: { message: string }[] } | null;
  if (!res.ok || !body) throw new SubgraphError(url, `HTTP ${res.status}`);
  if (body.errors?.length) throw new SubgraphError(url, body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new SubgraphError(url, "no data in the answer");
  return body.data;
}

/** Runs one of the sdk's named subgraph queries, refreshed every 2 s. */
export function useSubgraph<T>(
  name: SubgraphQueryName,
  variables: Record<string, unknown> = {},
  enabled = true,
): UseQueryResult<T, Error> {
  const { subgraphUrl } = useAppConfig();
  return useQuery({
    queryKey: ["subgraph", subgraphUrl, name, variables],
    queryFn: () => querySubgraph<T>(subgraphUrl, subgraphQueries[name], variables),
    enabled,
  });
}
