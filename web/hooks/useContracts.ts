"use client";
import { useMemo } from "react";
import { contractConfigs, type ContractConfigs } from "@/lib/contracts";
import { useAppConfig, useDeployment } from "./useAppConfig";

/**
 * The deployment's contracts as { address, abi } pairs, e.g.
 * `useReadContract({ ...useContracts().JobMarket, functionName: "balanceOf", args: [account] })`.
 * Throws (caught by the page's error state) when nothing is deployed, like useDeployment.
 */
export function useContracts(): ContractConfigs {
  const deployment = useDeployment();
  return useMemo(() => contractConfigs(deployment), [deployment]);
}

/** The same, or null when nothing is deployed on the configured chain (for pages that still show the subgraph). */
export function useContractsIfDeployed(): ContractConfigs | null {
  const { deployment } = useAppConfig();
  return useMemo(() => (deployment ? contractConfigs(deployment) : null), [deployment]);
}
