// What a proposal would do, in words: ProtocolConfig calls as "parameter: old → new", any other
// call to an InferGrid contract by name and decoded arguments, anything else by its selector.
import { decodeFunctionData, formatEther, type Abi, type Hex } from "viem";
import { contractNames, inferGridAbis, protocolParam, protocolParamByName, type Deployment } from "@infergrid/sdk";
import { protocolConfigAbi } from "@infergrid/sdk/abis";
import { shortAddress } from "@/lib/format";
import { formatParamValue } from "./paramFormat";

export type ParamChangeRecord = {
  name: string;
  source: string;
  oldValue: string | null;
  newValue: string | null;
  oldAddress: string | null;
  newAddress: string | null;
  block: string;
  timestamp: string;
  tx: string;
};

export type ProposalCalls = {
  targets: readonly string[];
  values: readonly string[];
  calldatas: readonly string[];
  /** Set once executed: the old values are then the ones its own ParamChanged events recorded. */
  executedAt: string | null;
};

/** Current ProtocolConfig values by parameter name. */
export type CurrentValues = ReadonlyMap<string, bigint>;

const arrow = " → ";

function show(name: string, v: bigint | string | null | undefined): string {
  if (v === null || v === undefined) return "?";
  if (typeof v === "string") return v.startsWith("0x") ? shortAddress(v) : v;
  const p = protocolParamByName(name);
  return p ? formatParamValue(p.unit, v) : v.toString();
}

function formatArg(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return v.startsWith("0x") && v.length === 42 ? shortAddress(v) : v;
  if (Array.isArray(v)) return `[${v.map(formatArg).join(", ")}]`;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
}

export function describeActions(
  p: ProposalCalls,
  d: Deployment,
  current: CurrentValues | undefined,
  changes: readonly ParamChangeRecord[],
): string[] {
  // The change this proposal itself made, when it has run: same name, same new value, same block time.
  const recorded = (name: string, newValue: string) =>
    p.executedAt === null
      ? undefined
      : changes.find(
          (c) =>
            c.name === name && c.timestamp === p.executedAt && (c.newValue === newValue || c.newAddress === newValue),
        );
  const oldValue = (name: string, newValue: bigint): bigint | undefined => {
    const r = recorded(name, newValue.toString());
    if (r) return r.oldValue === null ? undefined : BigInt(r.oldValue);
    return p.executedAt === null ? current?.get(name) : undefined;
  };
  const oldAddress = (name: string, newValue: string): string | undefined => {
    const r = recorded(name, newValue.toLowerCase());
    if (r) return r.oldAddress ?? undefined;
    if (p.executedAt !== null) return undefined;
    return changes.find((c) => c.name === name)?.newAddress ?? undefined;
  };

  return p.targets.map((target, i) => {
    const data = (p.calldatas[i] ?? "0x") as Hex;
    const value = BigInt(p.values[i] ?? "0");
    const paid = value > 0n ? ` (sending ${formatEther(value)} ETH)` : "";
    const contract = contractNames.find((n) => d[n].toLowerCase() === target.toLowerCase());
    if (contract === "ProtocolConfig") {
      try {
        const call = decodeFunctionData({ abi: protocolConfigAbi, data });
        switch (call.functionName) {
          case "setParam": {
            const [index, v] = call.args;
            const param = protocolParam(index);
            const name = param?.name ?? `Param ${index}`;
            return `${name}: ${show(name, oldValue(name, v))}${arrow}${show(name, v)}${paid}`;
          }
          case "setFeeSplit": {
            const next = call.args.map(BigInt);
            const names = ["WorkerShareBps", "CreatorShareBps", "TreasuryShareBps"];
            const prev = names.map((n, k) => oldValue(n, next[k]!));
            const fmt = (xs: (bigint | undefined)[]) =>
              xs.map((x) => (x === undefined ? "?" : x.toString())).join(" / ");
            return `Fee split (worker / creator / treasury, bps): ${fmt(prev)}${arrow}${fmt(next)}${paid}`;
          }
          case "setTreasury":
          case "setVerifier":
          case "setRandomness": {
            const name = call.functionName.slice(3);
            const [to] = call.args;
            return `${name}: ${show(name, oldAddress(name, to))}${arrow}${shortAddress(to)}${paid}`;
          }
          default:
            return `ProtocolConfig.${call.functionName}(${(call.args ?? []).map(formatArg).join(", ")})${paid}`;
        }
      } catch {
        return `ProtocolConfig: undecodable call ${data.slice(0, 10)}${paid}`;
      }
    }
    if (contract) {
      try {
        const call = decodeFunctionData({ abi: inferGridAbis[contract] as Abi, data });
        return `${contract}.${call.functionName}(${(call.args ?? []).map(formatArg).join(", ")})${paid}`;
      } catch {
        return `${contract}: undecodable call ${data.slice(0, 10)}${paid}`;
      }
    }
    if (data === "0x") return `Send ${formatEther(value)} ETH to ${shortAddress(target)}`;
    return `Call ${data.slice(0, 10)} on ${shortAddress(target)}${paid}`;
  });
}
