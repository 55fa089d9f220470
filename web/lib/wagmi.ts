// One wagmi config per app configuration: the configured chain only, injected wallets, and
// WalletConnect only when a project id is configured (it calls WalletConnect's servers).
import { connectorsForWallets, type WalletList } from "@rainbow-me/rainbowkit";
import { injectedWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { defineChain } from "viem";
import { createConfig, http } from "wagmi";
import type { PublicConfig } from "./config.ts";

export function appChain(c: PublicConfig) {
  return defineChain({
    id: c.chainId,
    name: c.chainName,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [c.rpcUrl] } },
    ...(c.blockExplorerUrl ? { blockExplorers: { default: { name: "Explorer", url: c.blockExplorerUrl } } } : {}),
    testnet: c.chainId === 31337,
  });
}

export function makeWagmiConfig(c: PublicConfig) {
  const chain = appChain(c);
  const wallets: WalletList = [
    {
      groupName: "Installed",
      wallets: c.walletConnectProjectId ? [injectedWallet, walletConnectWallet] : [injectedWallet],
    },
  ];
  const connectors = connectorsForWallets(wallets, {
    appName: "InferGrid",
    projectId: c.walletConnectProjectId ?? "none",
  });
  return createConfig({
    chains: [chain],
    connectors,
    transports: { [chain.id]: http(c.rpcUrl) },
    // Local chains mine every second; a slower poll makes the UI lag behind the chain.
    pollingInterval: 1_000,
    ssr: true,
  });
}
