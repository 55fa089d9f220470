// The DAO end to end through the Governance page: a member (test account #6, 1,000,000 GRID)
// delegates to itself, proposes ProtocolConfig.setParam(AuditRateBps, 250), votes for it,
// queues and executes it, all in the UI; the chain and the page then show the new value. An out
// of bounds value is refused in the form, naming the bound, before anything is sent.
//
// Quorum is 4% of the 1,000,000,000 GRID supply (40,000,000 GRID at the snapshot), so the
// member's 1,000,000 cannot pass a proposal alone, and neither could all 19 funded test accounts
// together (19,000,000). The deployer (account #0), which holds the rest of the supply outside
// the treasury, delegates to itself and votes for directly through viem.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createWalletClient, http, parseUnits } from "viem";
import { hardhat } from "viem/chains";
import { gridGovernorAbi, gridTokenAbi, protocolConfigAbi } from "@infergrid/sdk/abis";
import type { Locator } from "playwright-core";
import {
  offMachine,
  openSession,
  startStack,
  testAccount,
  type Session,
  type Stack,
  until,
  testPort,
} from "./harness.ts";

const MEMBER = 6;
const AUDIT_RATE = 10; // IProtocolConfig.Param.AuditRateBps
const TITLE = "Raise the audit rate to 2.5%";

let stack: Stack;
let session: Session;

before(async () => {
  stack = await startStack({ port: testPort(21_545), workers: 0 });
  // The governor counts its voting period in blocks (20 here). With the node's 1 s interval
  // mining the vote could close while the browser is still clicking, so the test mines every
  // block itself: transactions still mine at once (automine), time passes only when told.
  await stack.rpc("evm_setIntervalMining", [0]);
  session = await openSession(stack, MEMBER);
});
after(async () => {
  await session?.close();
  await stack?.stop();
});

const sends = () => session.walletLog.filter((l) => l.method === "eth_sendTransaction").length;
const proposal = (): Locator => session.page.getByRole("article", { name: TITLE });
const stateOf = async (): Promise<string> => (await proposal().getByTestId("proposal-state").textContent()) ?? "";
const waitState = (s: string) => until(`the proposal to show ${s}`, async () => (await stateOf()) === s);

describe("governance page", () => {
  it("connects a member, whose proposal before delegating shows the governor's decoded custom error and sends nothing", async () => {
    const { page } = session;
    await session.goto("/governance");
    await page.getByRole("heading", { name: "Governance", level: 1 }).waitFor();
    await page.getByText("No proposals yet.").waitFor();
    await session.connect();
    await page.getByTestId("delegate").getByText("Nobody yet").waitFor();
    await session.screenshot("governance-1-connected");

    // Undelegated GRID carries no votes, and proposing takes the threshold (100,000 GRID in the
    // deployment's parameters): the call reverts in the simulation with OpenZeppelin's
    // GovernorInsufficientProposerVotes(proposer, votes, threshold), before the wallet is asked.
    const member = session.account.address;
    const threshold = await stack.publicClient.readContract({
      address: stack.deployment.GridGovernor,
      abi: gridGovernorAbi,
      functionName: "proposalThreshold",
    });
    assert.equal(threshold, parseUnits("100000", 18));
    await page.getByRole("combobox", { name: /^Parameter/ }).selectOption("AuditRateBps");
    await page.getByLabel(/^New value/).fill("250");
    await page.getByLabel("Description").fill("Proposed without votes");
    await page.getByRole("button", { name: "Propose" }).click();
    const status = page.getByTestId("propose-status");
    await status
      .getByText(/GovernorInsufficientProposerVotes/)
      .first()
      .waitFor();
    assert.equal(await status.getAttribute("role"), "alert");
    assert.match(
      (await status.textContent()) ?? "",
      new RegExp(`propose reverted with GovernorInsufficientProposerVotes\\(${member}, 0, ${threshold}\\)`),
    );
    await session.screenshot("governance-1b-below-threshold");
    assert.equal(sends(), 0, "nothing was sent to the wallet");
    assert.deepEqual(
      session.walletLog.filter((l) => !l.ok),
      [],
      "the revert was caught before the wallet was asked (no failed gas estimate there)",
    );
    assert.equal(await page.getByText("No proposals yet.").count(), 1);
  });

  it("delegates the member's votes to itself", async () => {
    const { page } = session;
    await page.getByRole("radio", { name: "Myself" }).check();
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByTestId("delegate").getByText("Yourself").waitFor();
    await page.getByTestId("voting-power").getByText("1,000,000 GRID").waitFor();
    const d = stack.deployment;
    const member = session.account.address;
    assert.equal(
      await stack.publicClient.readContract({
        address: d.GridToken,
        abi: gridTokenAbi,
        functionName: "delegates",
        args: [member],
      }),
      member,
    );
    assert.equal(
      await stack.publicClient.readContract({
        address: d.GridToken,
        abi: gridTokenAbi,
        functionName: "getVotes",
        args: [member],
      }),
      parseUnits("1000000", 18),
    );
    await session.screenshot("governance-2-delegated");

    // The deployer's votes, needed for the quorum (see the top of this file), count from the next block on.
    const whale = createWalletClient({ account: testAccount(0), chain: hardhat, transport: http(stack.rpcUrl) });
    const hash = await whale.writeContract({
      address: d.GridToken,
      abi: gridTokenAbi,
      functionName: "delegate",
      args: [whale.account.address],
    });
    assert.equal((await stack.publicClient.waitForTransactionReceipt({ hash })).status, "success");
  });

  it("refuses a value outside the parameter's bounds, naming the bound, and sends nothing", async () => {
    const { page } = session;
    await page.getByRole("combobox", { name: /^Parameter/ }).selectOption("AuditRateBps");
    await page.getByTestId("current-value").getByText("100 bps (1%)").waitFor();
    await page.getByTestId("bounds").getByText("0 bps (0%) to 10,000 bps (100%)").waitFor();
    const before = sends();
    await page.getByLabel(/^New value/).fill("10001");
    await page.getByLabel("Description").fill("Audit everything and more");
    await page.getByRole("button", { name: "Propose" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "AuditRateBps must be at most" });
    await alert.waitFor();
    assert.match(
      (await alert.textContent()) ?? "",
      /AuditRateBps must be at most 10,000 bps \(100%\), its upper bound in ProtocolConfig/,
    );
    await session.screenshot("governance-3-out-of-bounds");
    assert.equal(sends(), before, "nothing was sent to the wallet");
    assert.equal(await page.getByText("No proposals yet.").count(), 1);
  });

  it("proposes, votes, queues and executes a parameter change in the UI", async () => {
    const { page } = session;
    const d = stack.deployment;
    const client = stack.publicClient;
    const gov = { address: d.GridGovernor, abi: gridGovernorAbi } as const;

    await page.getByLabel(/^New value/).fill("250");
    await page
      .getByLabel("Description")
      .fill(`${TITLE}\n\nMore audits catch more wrong results; the treasury can pay for them.`);
    await page.getByRole("button", { name: "Propose" }).click();
    await page.getByText(/Proposal \d+… created/).waitFor();
    await proposal().waitFor();
    await waitState("Pending");
    const id = BigInt((await proposal().getAttribute("data-proposal-id"))!);
    assert.equal(await client.readContract({ ...gov, functionName: "state", args: [id] }), 0);
    const actions = (await proposal().getByTestId("proposal-actions").textContent()) ?? "";
    assert.match(actions, /AuditRateBps: 100 bps \(1%\) → 250 bps \(2\.5%\)/);
    await session.screenshot("governance-4-pending");

    // Voting opens after the voting delay (1 block past the snapshot).
    await stack.rpc("hardhat_mine", ["0x2"]);
    await waitState("Active");
    const snapshot = await client.readContract({ ...gov, functionName: "proposalSnapshot", args: [id] });
    const quorum = await client.readContract({ ...gov, functionName: "quorum", args: [snapshot] });
    const supply = await client.readContract({ address: d.GridToken, abi: gridTokenAbi, functionName: "totalSupply" });
    assert.equal(supply, parseUnits("1000000000", 18));
    assert.equal(quorum, parseUnits("40000000", 18));
    await session.screenshot("governance-5-active");

    // Vote by keyboard: the buttons are real buttons in the tab order.
    const voteFor = proposal().getByRole("button", { name: "Vote for" });
    await voteFor.focus();
    await page.keyboard.press("Enter");
    await proposal().getByText("You voted For.").waitFor();
    await proposal().getByTestId("votes-for").getByText("1,000,000 GRID").waitFor();
    assert.equal(
      await client.readContract({ ...gov, functionName: "hasVoted", args: [id, session.account.address] }),
      true,
    );
    assert.ok((await proposal().getByTestId("quorum").textContent())?.includes("not reached"));

    const whale = createWalletClient({ account: testAccount(0), chain: hardhat, transport: http(stack.rpcUrl) });
    const voteHash = await whale.writeContract({ ...gov, functionName: "castVote", args: [id, 1] });
    assert.equal((await client.waitForTransactionReceipt({ hash: voteHash })).status, "success");
    await until(
      "the quorum to show as reached",
      async () => (await proposal().getByTestId("quorum").textContent())?.includes("— reached") ?? false,
    );
    await session.screenshot("governance-6-voted");

    // Past the deadline (a block number: the governor's clock is GridToken's block-number clock).
    const deadline = await client.readContract({ ...gov, functionName: "proposalDeadline", args: [id] });
    const now = await client.getBlockNumber();
    await stack.rpc("hardhat_mine", [`0x${(deadline - now + 1n).toString(16)}`]);
    await waitState("Succeeded");
    await session.screenshot("governance-7-succeeded");

    await proposal().getByRole("button", { name: "Queue" }).click();
    await waitState("Queued");
    assert.equal(await client.readContract({ ...gov, functionName: "state", args: [id] }), 5);
    const execute = proposal().getByRole("button", { name: "Execute" });
    assert.equal(await execute.isDisabled(), true, "Execute waits for the timelock delay");
    await session.screenshot("governance-8-queued");

    // The timelock counts seconds (60 locally).
    await stack.rpc("evm_increaseTime", [61]);
    await stack.rpc("evm_mine");
    await until("Execute to be enabled", () => execute.isEnabled());
    await execute.click();
    await waitState("Executed");

    assert.equal(
      await client.readContract({
        address: d.ProtocolConfig,
        abi: protocolConfigAbi,
        functionName: "getParam",
        args: [AUDIT_RATE],
      }),
      250n,
    );
    assert.equal(
      (await client.readContract({ address: d.ProtocolConfig, abi: protocolConfigAbi, functionName: "params" }))
        .auditRateBps,
      250,
    );
    assert.equal(await client.readContract({ ...gov, functionName: "state", args: [id] }), 7);

    // The page shows the new value: the parameter table, the form's current value, the history, the proposal.
    await page
      .locator('tr[data-param="AuditRateBps"]')
      .getByTestId("param-value")
      .getByText("250 bps (2.5%)")
      .waitFor();
    await page.getByTestId("current-value").getByText("250 bps (2.5%)").waitFor();
    await page.getByRole("row", { name: /AuditRateBps 100 bps \(1%\) → 250 bps \(2\.5%\) ProtocolConfig/ }).waitFor();
    assert.match(
      (await proposal().getByTestId("proposal-actions").textContent()) ?? "",
      /AuditRateBps: 100 bps \(1%\) → 250 bps \(2\.5%\)/,
    );
    await session.screenshot("governance-9-executed");

    // A phone's width: nothing but the tables' own scrolling areas is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await until(
      "the layout to settle",
      async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= 390,
      5_000,
    );
    await session.screenshot("governance-10-phone");

    assert.deepEqual(offMachine(session.requests), []);
    assert.deepEqual(session.pageErrors, []);
    assert.ok(
      session.walletLog.every((l) => l.ok),
      `wallet requests failed: ${JSON.stringify(session.walletLog.filter((l) => !l.ok))}`,
    );
  });
});
