"use client";
import { useMemo } from "react";
import type { PublicClient } from "viem";
import { usePublicClient, useWalletClient } from "wagmi";
import { createInferGridClient, type InferGridClient } from "@infergrid/sdk/client";
import { useAppConfig } from "./useAppConfig";

type SdkWalletClient = NonNullable<Parameters<typeof createInferGridClient>[0]["walletClient"]>;

/**
 * The sdk's job client for the connected wallet: the wallet signs and sends, reads go through
 * wagmi's public client for the configured chain. Undefined until a wallet is connected.
 */
export function useInferGridClient(): InferGridClient | undefined {
  const { chainId, deployment } = useAppConfig();
  const publicClient = usePublicClient({ chainId });
  const { data: walletClient } = useWalletClient({ chainId });
  return useMemo(() => {
    if (!walletClient || !publicClient || !deployment) return undefined;
    return createInferGridClient({
      walletClient: walletClient as SdkWalletClient,
      // wagmi's client is a viem public client for this chain; its type only carries more detail.
      publicClient: publicClient as PublicClient,
      deployment,
    });
  }, [walletClient, publicClient, deployment]);
}
