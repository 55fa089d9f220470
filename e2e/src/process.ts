import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bytesToHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/**
 * A test's fixed port, moved by INFERGRID_PORT_OFFSET so that two checkouts can run their
 * suites side by side on one machine (the local network uses port..port+200).
 */
export const testPort = (base: number): number => base + Number(process.env.INFERGRID_PORT_OFFSET ?? 0);

export const MNEMONIC = "test test test test test test test test test test test junk";
export const keyOf = (i: number): Hex =>
  bytesToHex(mnemonicToAccount(MNEMONIC, { addressIndex: i }).getHdKey().privateKey!);

export type Proc = {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
};

/** Spawns `node <args>` from the repository root and collects its output. */
export function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 240_000) => {
    const t0 = Date.now();
    while (!pattern.test(out)) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ${pattern}:\n${out.slice(-4000)}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${pattern}:\n${out.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  return { child, exited, waitFor, output: () => out };
}

/** Runs the CLI to completion. */
export async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  const p = start(["worker/src/cli.ts", ...args], env);
  const code = await p.exited;
  return { code, out: p.output() };
}

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 120_000,
  everyMs = 250,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
