// How the governance page shows and reads ProtocolConfig values: stakes and bonds in GRID,
// windows in seconds, shares in basis points, the rest as plain counts.
import { parseUnits } from "viem";
import type { ParamUnit, ProtocolParam } from "@infergrid/sdk";
import { formatGrid, formatInt } from "@/lib/format";

export type Bounds = { readonly min: bigint; readonly max: bigint };

const UNITS: [bigint, string][] = [
  [86_400n, "d"],
  [3_600n, "h"],
  [60n, "min"],
  [1n, "s"],
];

/** 5400 -> "1 h 30 min": at most the two largest units, which is what a reader compares. */
export function formatDuration(seconds: bigint): string {
  if (seconds === 0n) return "0 s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, name] of UNITS) {
    if (rest >= size) {
      parts.push(`${formatInt(rest / size)} ${name}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(" ");
}

export function formatPercent(bps: bigint): string {
  return `${(Number(bps) / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
}

export function formatParamValue(unit: ParamUnit, v: bigint): string {
  switch (unit) {
    case "grid":
      return formatGrid(v, 18);
    case "seconds":
      return v >= 60n ? `${formatInt(v)} s (${formatDuration(v)})` : `${formatInt(v)} s`;
    case "bps":
      return `${formatInt(v)} bps (${formatPercent(v)})`;
    case "count":
      return formatInt(v);
  }
}

export function unitHint(unit: ParamUnit): string {
  switch (unit) {
    case "grid":
      return "GRID, decimals allowed";
    case "seconds":
      return "seconds";
    case "bps":
      return "basis points, 100 = 1%";
    case "count":
      return "a whole number";
  }
}

export type Parsed = { ok: true; value: bigint } | { ok: false; error: string };

/** Reads what the user typed as `param`'s on-chain value and checks it against the contract's bounds. */
export function parseParamInput(
  param: Pick<ProtocolParam, "name" | "unit">,
  text: string,
  bounds: Bounds | undefined,
): Parsed {
  const t = text.trim().replaceAll(",", "").replaceAll("_", "");
  if (t === "") return { ok: false, error: `Enter a new value for ${param.name}.` };
  let value: bigint;
  if (param.unit === "grid") {
    if (!/^\d+(\.\d{1,18})?$/.test(t))
      return {
        ok: false,
        error: `${param.name} is an amount of GRID: digits with at most 18 decimals, e.g. 1000 or 0.5.`,
      };
    value = parseUnits(t, 18);
  } else {
    if (!/^\d+$/.test(t)) return { ok: false, error: `${param.name} takes a whole number (${unitHint(param.unit)}).` };
    value = BigInt(t);
  }
  if (bounds && value < bounds.min) {
    return {
      ok: false,
      error: `${param.name} must be at least ${formatParamValue(param.unit, bounds.min)}, its lower bound in ProtocolConfig; ${formatParamValue(param.unit, value)} is below it.`,
    };
  }
  if (bounds && value > bounds.max) {
    return {
      ok: false,
      error: `${param.name} must be at most ${formatParamValue(param.unit, bounds.max)}, its upper bound in ProtocolConfig; ${formatParamValue(param.unit, value)} is above it.`,
    };
  }
  return { ok: true, value };
}
