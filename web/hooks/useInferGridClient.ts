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
 *
 * `wrapWallet` lets a caller see every transaction the client sends (the playground learns the
 * job id from the post's receipt while the tokens are still streaming, long before runJob returns).
 */
export function useInferGridClient(wrapWallet?: (w: SdkWalletClient) => SdkWalletClient): InferGridClient | undefined {
  const { chainId, deployment } = useAppConfig();
  const publicClient = usePublicClient({ chainId });
  const { data: walletClient } = useWalletClient({ chainId });
  return useMemo(() => {
    if (!walletClient || !publicClient || !deployment) return undefined;
    const wallet = walletClient as SdkWalletClient;
    return createInferGridClient({
      walletClient: wrapWallet ? wrapWallet(wallet) : wallet,
      // wagmi's client is a viem public client for this chain; its type only carries more detail.
      publicClient: publicClient as PublicClient,
      deployment,
    });
  }, [walletClient, publicClient, deployment, wrapWallet]);
}
