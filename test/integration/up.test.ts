// `make up` end to end: a real Hardhat node on a spare port, a real Ignition deployment, the
// second invocation that must not redeploy, and a clean Ctrl-C.
import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { createPublicClient, http, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { gridTokenAbi, readDeployment } from "../../sdk/src/index.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT = 18_645;
const children: ChildProcessWithoutNullStreams[] = [];

function start(args: string[]) {
  const child = spawn(process.execPath, args, { cwd: ROOT });
  children.push(child);
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 180_000) => {
    const t0 = Date.now();
    while (!pattern.test(out)) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ${pattern}:\n${out}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${pattern}:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  return { child, exited, waitFor, output: () => out };
}

after(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  rmSync(`${ROOT}/ignition/deployments/local-${PORT}`, { recursive: true, force: true });
});

describe("make up", () => {
  it("deploys, funds accounts, refuses to redeploy while up, and stops cleanly on Ctrl-C", async () => {
    const up = start(["scripts/up.ts", "--port", String(PORT)]);
    await up.waitFor(/InferGrid local network is up/);
    const d = readDeployment(hardhat.id, undefined, `local-${PORT}`);
    assert.match(up.output(), new RegExp(`JobMarket\\s+${d.JobMarket}`));

    const client = createPublicClient({ chain: hardhat, transport: http(`http://127.0.0.1:${PORT}`) });
    const account5 = mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: 5 });
    const balance = await client.readContract({ address: d.GridToken, abi: gridTokenAbi, functionName: "balanceOf", args: [account5.address] });
    assert.equal(balance, parseEther("1000000"));
    const blockBefore = await client.getBlockNumber();

    const again = start(["scripts/up.ts", "--port", String(PORT)]);
    assert.equal(await again.exited, 0);
    assert.match(again.output(), /already running .*nothing was redeployed/);
    assert.match(again.output(), new RegExp(`JobMarket\\s+${d.JobMarket}`));
    assert.equal(await client.getBlockNumber(), blockBefore, "the second run sent no transaction");

    up.child.kill("SIGINT");
    assert.equal(await up.exited, 0);
    assert.match(up.output(), /Chain stopped\./);
    await assert.rejects(client.getBlockNumber({ cacheTime: 0 }));
  });

  it("refuses, with a clear message, a port taken by a chain it did not deploy", async () => {
    const port = PORT + 1;
    const node = start([`${ROOT}/node_modules/hardhat/dist/src/cli.js`, "node", "--hostname", "127.0.0.1", "--port", String(port)]);
    await node.waitFor(/Started HTTP and WebSocket JSON-RPC server/);
    const up = start(["scripts/up.ts", "--port", String(port)]);
    assert.equal(await up.exited, 1);
    assert.match(up.output(), /no InferGrid deployment is recorded/);
    node.child.kill("SIGTERM");
    await node.exited;
  });
});
