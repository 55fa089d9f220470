"use client";
import { createContext, useContext } from "react";
import type { Deployment } from "@infergrid/sdk/addresses";
import type { PublicConfig } from "@/lib/config";

export const ConfigContext = createContext<PublicConfig | null>(null);

export function useAppConfig(): PublicConfig {
  const c = useContext(ConfigContext);
  if (!c) throw new Error("useAppConfig outside <Providers>");
  return c;
}

export class NotDeployedError extends Error {
  override name = "NotDeployedError";
}

/** The contract addresses; throws (caught by the page's error state) when nothing is deployed. */
export function useDeployment(): Deployment {
  const c = useAppConfig();
  if (!c.deployment) throw new NotDeployedError(c.deploymentError ?? `No InferGrid deployment on chain ${c.chainId}`);
  return c.deployment;
}
