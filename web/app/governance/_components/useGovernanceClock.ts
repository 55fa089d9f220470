"use client";
// The governor counts voting delay and period on its token's clock (ERC-6372): block numbers
// for GridToken, but the page asks rather than assumes. The timelock always counts seconds.
import { useBlock, useReadContract } from "wagmi";
import { useContracts } from "@/hooks/useContracts";

export type GovernanceClock = {
  readonly mode: "blocknumber" | "timestamp";
  /** The governor's clock now (the latest block's number or timestamp), once known. */
  readonly now: bigint | undefined;
  readonly blockNumber: bigint | undefined;
  readonly blockTimestamp: bigint | undefined;
};

export function useGovernanceClock(): GovernanceClock {
  const { GridGovernor } = useContracts();
  const clockMode = useReadContract({
    ...GridGovernor,
    functionName: "CLOCK_MODE",
    query: { staleTime: Infinity, refetchInterval: false },
  });
  const block = useBlock({ watch: true });
  const mode = clockMode.data?.includes("mode=timestamp") ? "timestamp" : "blocknumber";
  return {
    mode,
    now: mode === "timestamp" ? block.data?.timestamp : block.data?.number,
    blockNumber: block.data?.number,
    blockTimestamp: block.data?.timestamp,
  };
}
