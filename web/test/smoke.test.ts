// The shell every page shares: the wallet connects through RainbowKit, the network page reads
// the subgraph, and nothing the browser requests leaves this machine.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { offMachine, openSession, startStack, type Session, type Stack, testPort } from "./harness.ts";

let stack: Stack;
let session: Session;

before(async () => {
  stack = await startStack({ port: testPort(19_545) });
  session = await openSession(stack, 1);
});
after(async () => {
  await session?.close();
  await stack?.stop();
});

describe("app shell", () => {
  it("connects the injected wallet and shows the network totals", async () => {
    await session.goto("/");
    await session.page.getByRole("heading", { name: "Network" }).waitFor();
    await session.connect();
    await session.screenshot("network");
    assert.deepEqual(offMachine(session.requests), []);
    assert.deepEqual(session.pageErrors, []);
  });
});
