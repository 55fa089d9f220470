"use client";
import { useMemo } from "react";
import { getContractConfigs, type InferGridContractConfigs } from "@infergrid/sdk";
import { useAppConfig, useDeployment } from "./useAppConfig";

/**
 * The deployment's contracts as the sdk's { address, abi } pairs (getContractConfigs), e.g.
 * `useReadContract({ ...useContracts().JobMarket, functionName: "balanceOf", args: [account] })`.
 * Throws (caught by the page's error state) when nothing is deployed, like useDeployment.
 */
export function useContracts(): InferGridContractConfigs {
  const deployment = useDeployment();
  return useMemo(() => getContractConfigs(deployment), [deployment]);
}

/** The same, or null when nothing is deployed on the configured chain (for pages that still show the subgraph). */
export function useContractsIfDeployed(): InferGridContractConfigs | null {
  const { deployment } = useAppConfig();
  return useMemo(() => (deployment ? getContractConfigs(deployment) : null), [deployment]);
}
