// Every contract of a deployment as the { address, abi } pair that wagmi's reads, viem's
// readContract and the write hook take: the addresses from the app's deployment, the ABIs from the
// sdk's table (keyed like the deployment), so a call site names the contract once instead of
// pairing an address with an ABI by hand.
import type { Address } from "viem";
import { contractNames, inferGridAbis, type ContractName, type Deployment } from "@infergrid/sdk";

export type { ContractName };

export type InferGridAbi<C extends ContractName> = (typeof inferGridAbis)[C];

export type ContractConfig<C extends ContractName> = { readonly address: Address; readonly abi: InferGridAbi<C> };

export type ContractConfigs = { readonly [C in ContractName]: ContractConfig<C> };

/** The contract `name` of `deployment`. */
export function contractConfig<C extends ContractName>(deployment: Deployment, name: C): ContractConfig<C> {
  return { address: deployment[name], abi: inferGridAbis[name] };
}

/** Every contract of `deployment`, by name. */
export function contractConfigs(deployment: Deployment): ContractConfigs {
  return Object.fromEntries(contractNames.map((name) => [name, contractConfig(deployment, name)])) as ContractConfigs;
}
