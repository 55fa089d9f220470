import { formatUnits, parseUnits } from "viem";

/** A per-token price in GRID wei as GRID, every decimal kept (prices are often below 1e-8 GRID). */
export const formatPrice = (wei: bigint): string => `${formatUnits(wei, 18)} GRID`;

/** An exact GRID amount in full, with its wei. */
export const formatExactGrid = (wei: bigint): string => `${formatUnits(wei, 18)} GRID (${wei.toString()} wei)`;

const UINT64_MAX = 2n ** 64n - 1n;

/** Parses the form's "max price per token, GRID" field; an error names what is wrong with it. */
export function parsePrice(text: string): { wei: bigint } | { error: string } {
  const t = text.trim();
  if (!/^\d*\.?\d*$/.test(t) || t === "" || t === ".")
    return { error: "enter a decimal amount of GRID, e.g. 0.00000001" };
  const [, frac = ""] = t.split(".");
  if (frac.length > 18) return { error: "GRID has 18 decimals; the price has more" };
  const wei = parseUnits(t, 18);
  if (wei > UINT64_MAX) return { error: "the market takes prices up to 2^64-1 wei per token (about 18.4 GRID)" };
  return { wei };
}
