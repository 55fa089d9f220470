"use client";
// Every ProtocolConfig parameter with its current value (two struct reads) and its hard bounds
// (ProtocolConfig.paramBounds is pure, so the bounds are read once and never refetched).
import { useReadContracts } from "wagmi";
import { PROTOCOL_PARAMS, type ProtocolParam } from "@infergrid/sdk";
import { useContracts } from "@/hooks/useContracts";
import type { Bounds } from "./paramFormat";

export type ParamRow = { readonly param: ProtocolParam; readonly value: bigint; readonly bounds: Bounds };

export type ProtocolParams = {
  readonly data: ParamRow[] | undefined;
  readonly error: Error | null;
  readonly isPending: boolean;
};

// The struct fields are the enum names with a lower-case first letter (MinWorkerStake -> minWorkerStake).
const fieldOf = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export function useProtocolParams(): ProtocolParams {
  const { ProtocolConfig } = useContracts();
  const values = useReadContracts({
    contracts: [
      { ...ProtocolConfig, functionName: "params" },
      { ...ProtocolConfig, functionName: "verificationParams" },
    ],
    allowFailure: false,
  });
  const bounds = useReadContracts({
    contracts: PROTOCOL_PARAMS.map((p) => ({
      ...ProtocolConfig,
      functionName: "paramBounds" as const,
      args: [p.index] as const,
    })),
    allowFailure: false,
    query: { staleTime: Infinity, refetchInterval: false },
  });
  let data: ParamRow[] | undefined;
  if (values.data && bounds.data) {
    const [main, verification] = values.data;
    const all: Record<string, bigint | number> = { ...main, ...verification };
    const b = bounds.data;
    data = PROTOCOL_PARAMS.map((param, i) => {
      const [min, max] = b[i]!;
      return { param, value: BigInt(all[fieldOf(param.name)] ?? 0), bounds: { min, max } };
    });
  }
  return {
    data,
    error: values.error ?? bounds.error ?? null,
    isPending: values.isPending || bounds.isPending,
  };
}
