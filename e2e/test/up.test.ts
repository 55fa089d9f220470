// `make up` end to end: a real Hardhat node on a spare port, a real Ignition deployment, the
// second invocation that must not redeploy, and a clean Ctrl-C.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { createPublicClient, http, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { readDeployment, getContractConfigs } from "@infergrid/sdk";
import { ROOT, start, type Proc, testPort } from "../src/process.ts";

const started: Proc[] = [];
const launch = (args: string[]) => {
  const p = start(args);
  started.push(p);
  return p;
};

const PORT = testPort(18_645);

after(() => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(`${ROOT}/contracts/ignition/deployments/local-${PORT}`, { recursive: true, force: true });
});

describe("make up", () => {
  it("deploys, funds accounts, refuses to redeploy while up, and stops cleanly on Ctrl-C", async () => {
    // The chain alone: network.test.ts covers the daemons.
    const up = launch(["devnet/src/up.ts", "--port", String(PORT), "--chain-only"]);
    await up.waitFor(/InferGrid local network is up/);
    const d = readDeployment(hardhat.id, undefined, `local-${PORT}`);
    const c = getContractConfigs(d);
    assert.match(up.output(), new RegExp(`JobMarket\\s+${d.JobMarket}`));

    const client = createPublicClient({ chain: hardhat, transport: http(`http://127.0.0.1:${PORT}`) });
    const account5 = mnemonicToAccount("test test test test test test test test test test test junk", {
      addressIndex: 5,
    });
    const balance = await client.readContract({
      ...c.GridToken,
      functionName: "balanceOf",
      args: [account5.address],
    });
    assert.equal(balance, parseEther("1000000"));
    const blockBefore = await client.getBlockNumber();

    const again = launch(["devnet/src/up.ts", "--port", String(PORT)]);
    assert.equal(await again.exited, 0, again.output());
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
    const node = launch([
      `${ROOT}/node_modules/hardhat/dist/src/cli.js`,
      "--config",
      `${ROOT}/contracts/hardhat.config.ts`,
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
    ]);
    await node.waitFor(/Started HTTP and WebSocket JSON-RPC server/);
    const up = launch(["devnet/src/up.ts", "--port", String(port)]);
    assert.equal(await up.exited, 1);
    assert.match(up.output(), /no InferGrid deployment is recorded/);
    node.child.kill("SIGTERM");
    await node.exited;
  });
});
