// Display helpers: amounts are GRID wei (18 decimals), times unix seconds.
import { formatUnits } from "viem";

/** GRID with at most `digits` decimals, grouped: 1234.5 GRID. */
export function formatGrid(wei: bigint | string | null | undefined, digits = 4): string {
  if (wei === null || wei === undefined) return "-";
  const v = typeof wei === "string" ? BigInt(wei) : wei;
  const [int, frac = ""] = formatUnits(v, 18).split(".");
  const grouped = BigInt(int!).toLocaleString("en-US");
  const cut = frac.slice(0, digits).replace(/0+$/, "");
  return `${grouped}${cut ? `.${cut}` : ""} GRID`;
}

export const shortAddress = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

export function formatTime(unixSeconds: number | string | bigint | null | undefined): string {
  if (unixSeconds === null || unixSeconds === undefined) return "-";
  return new Date(Number(unixSeconds) * 1000).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" });
}

export const formatInt = (n: number | string | bigint) => BigInt(n).toLocaleString("en-US");
