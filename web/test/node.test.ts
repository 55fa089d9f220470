// My node and Models end to end. A worker (whichever of accounts #2 and #3 the router gave a job
// posted through the sdk) sees the job's pay credited on My node and withdraws it from the
// browser: its wallet grows by exactly the credited amount and the market holds nothing for it.
// A model creator (account #7) registers a model by manifest hash and URI and finds it in the
// registry with itself as creator, on the page (from the subgraph) and on chain; registering the
// same manifest hash again shows the decoded ManifestAlreadyRegistered and sends nothing.
// A new validator (account #9) stakes from My node: approve, then stake, two transactions from one
// click; staking more than its wallet holds approves, then shows the token's decoded
// ERC20InsufficientBalance for the stake, which is never sent.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { bytesToHex, formatUnits, type Address } from "viem";
import { gridTokenAbi, modelRegistryAbi, validatorRegistryAbi } from "@infergrid/sdk/abis";
import { createInferGridClient } from "@infergrid/sdk/client";
import {
  offMachine,
  openSession,
  startStack,
  testAccount,
  type Session,
  type Stack,
  until,
  gridBalances,
  testPort,
} from "./harness.ts";

const PORT = testPort(22_545);
const POSTER = 1;
const CREATOR = 7;
const NEW_VALIDATOR = 9;
let stack: Stack;
const sessions: Session[] = [];

before(async () => {
  stack = await startStack({ port: PORT, tokenDelayMs: 0 });
});
after(async () => {
  for (const s of sessions) await s.close();
  await stack?.stop();
});

const balances = (account: Address) => gridBalances(stack, account);

/** formatGrid(wei, 18) of web/lib/format.ts: what the page shows for an exact balance. */
function grid(wei: bigint): string {
  const [int, frac = ""] = formatUnits(wei, 18).split(".");
  const cut = frac.replace(/0+$/, "");
  return `${BigInt(int!).toLocaleString("en-US")}${cut ? `.${cut}` : ""} GRID`;
}

async function open(accountIndex: number): Promise<Session> {
  const s = await openSession(stack, accountIndex);
  sessions.push(s);
  return s;
}

/** Nothing sticks out of a 390 px wide screen (wide tables scroll inside their own box). */
async function assertFitsPhone(s: Session) {
  const wide = await s.page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-wrap"))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
      .slice(0, 8),
  );
  assert.deepEqual(wide, [], "elements wider than the phone screen");
  const scroll = await s.page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    positioned: [...document.querySelectorAll("body *")]
      .filter(
        (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).position !== "static",
      )
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${e.className} ${getComputedStyle(e).position} (${Math.round(e.getBoundingClientRect().right)} px)`,
      )
      .slice(0, 8),
  }));
  assert.ok(scroll.width <= 390, `no horizontal scrolling at 390 px: ${JSON.stringify(scroll)}`);
}

function assertClean(s: Session) {
  assert.deepEqual(offMachine(s.requests), []);
  assert.deepEqual(s.pageErrors, []);
}

describe("My node", () => {
  it("shows the worker's credited pay and withdraws exactly that to its wallet", { timeout: 240_000 }, async () => {
    const client = createInferGridClient({
      account: testAccount(POSTER),
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      pollIntervalMs: 200,
    });
    const result = await client.runJob({
      model: "tiny-gpt2",
      prompt: "The grid computes",
      maxTokens: 16,
      maxPricePerToken: 10_000_000_000n,
      waitFor: "result",
    });
    assert.equal(result.workers.length, 1);
    const worker = result.workers[0]!.address;
    // The workers are accounts #2 and #3; the router chose one of them.
    const workerIndex = [2, 3].find((i) => testAccount(i).address.toLowerCase() === worker.toLowerCase());
    assert.ok(workerIndex !== undefined, `job ${result.jobId} went to ${worker}, not to account #2 or #3`);

    // Past the 30 s challenge window; the worker daemon finalizes its own job (or we do, as anyone may).
    await stack.rpc("evm_increaseTime", [31]);
    await stack.rpc("evm_mine");
    await until(
      `job ${result.jobId} finalized`,
      async () => {
        const s = await client.jobStatus(result.jobId);
        if (s.status === "finalized") return true;
        if (s.status === "challenge") await client.finalize(result.jobId).catch(() => undefined);
        return undefined;
      },
      120_000,
      1_000,
    );
    const before = await balances(worker);
    assert.ok(before.market > 0n, "the worker was credited for the job");

    const session = await open(workerIndex);
    const { page } = session;
    await session.goto("/node");
    await page.getByRole("heading", { name: "My node" }).waitFor();
    await session.connect();
    await page.getByRole("heading", { name: "Earnings" }).waitFor();
    const shown = page.getByTestId("market-balance");
    await until("the credited balance on the page", async () =>
      (await shown.textContent()) === grid(before.market) ? true : undefined,
    );
    // The subgraph's history lists the job's worker payout.
    await page
      .getByRole("cell", { name: `#${result.jobId}`, exact: true })
      .first()
      .waitFor();
    await page.getByRole("heading", { name: "Worker", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Served models and prices" }).waitFor();
    await page
      .getByRole("cell", { name: /tiny-gpt2/ })
      .first()
      .waitFor();
    await session.screenshot("node-before-withdraw");

    await page.getByRole("button", { name: "Withdraw earnings" }).click();
    const status = page.getByTestId("withdraw-status");
    await status.getByText(`Withdrew ${grid(before.market)} to your wallet.`).waitFor();
    await until("the page to show nothing withdrawable", async () =>
      (await shown.textContent()) === "0 GRID" ? true : undefined,
    );
    assert.ok(await page.getByRole("button", { name: "Withdraw earnings" }).isDisabled());

    const afterBalances = await balances(worker);
    assert.equal(afterBalances.wallet - before.wallet, before.market, "the wallet grew by exactly the credited amount");
    assert.equal(afterBalances.market, 0n);
    await session.screenshot("node-after-withdraw");
    // Phone width: the same page, one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Withdraw earnings" }).waitFor();
    await session.screenshot("node-phone");
    await assertFitsPhone(session);
    assertClean(session);
  });
});

describe("Models", () => {
  it("registers a model by manifest hash and URI, lists it with its creator, and refuses the same hash again", {
    timeout: 180_000,
  }, async () => {
    const session = await open(CREATOR);
    const { page } = session;
    const creator = session.account.address;
    const registry = { address: stack.deployment.ModelRegistry, abi: modelRegistryAbi } as const;
    await session.goto("/models");
    await page.getByRole("heading", { name: "Models", exact: true }).waitFor();
    await session.connect();
    await page.getByTestId("model-registry").getByRole("rowheader", { name: "tiny-gpt2" }).waitFor();
    await page.getByText("You have not registered a model from this account.").waitFor();
    await session.screenshot("models-before-register");

    const form = page.getByRole("form", { name: "Register a model" });
    const sends = () => session.walletLog.filter((l) => l.method === "eth_sendTransaction").length;
    // A hash that is not 32 bytes is refused before anything is sent.
    await form.getByLabel("Name").fill("creator-model");
    await form.getByLabel("Manifest hash").fill("0x1234");
    await form.getByLabel("URI").fill("ipfs://bafycreatormodel");
    await form.getByRole("button", { name: "Register model" }).click();
    await form
      .getByText("The manifest hash must be 32 bytes (64 hex digits after 0x); this one has 4 digits.")
      .waitFor();
    assert.equal(sends(), 0);

    const hash = bytesToHex(randomBytes(32));
    const countBefore = await stack.publicClient.readContract({ ...registry, functionName: "modelCount" });
    await form.getByLabel("Manifest hash").fill(hash);
    await form.getByRole("button", { name: "Register model" }).click();
    const id = countBefore + 1n;
    await page
      .getByTestId("register-status")
      .getByText(`Registered model #${id} “creator-model”; you are its creator.`)
      .waitFor();
    assert.equal(sends(), 1);

    // On chain: the hash maps to the new id, created by #7, with the given metadata.
    assert.equal(
      await stack.publicClient.readContract({ ...registry, functionName: "modelIdByManifest", args: [hash] }),
      id,
    );
    const model = await stack.publicClient.readContract({ ...registry, functionName: "model", args: [id] });
    assert.equal(model.creator, creator);
    assert.equal(model.active, true);
    assert.deepEqual(await stack.publicClient.readContract({ ...registry, functionName: "metadata", args: [id] }), [
      "creator-model",
      "ipfs://bafycreatormodel",
      "text-generation/onnx",
    ]);

    // On the page, from the subgraph: in the registry with the creator marked as you, and in My models.
    const row = page.getByTestId("model-registry").locator(`tr[data-model-id="${id}"]`);
    await row.waitFor();
    assert.equal(await row.getByRole("rowheader").textContent(), "creator-model");
    assert.equal(await row.locator("[title]").first().getAttribute("title"), creator.toLowerCase());
    await row.getByText("you", { exact: true }).waitFor();
    const mine = page.getByTestId("my-models");
    await mine.getByRole("rowheader", { name: "creator-model" }).waitFor();
    await mine.getByRole("cell", { name: "ipfs://bafycreatormodel" }).waitFor();
    await session.screenshot("models-after-register");

    // The same manifest hash again: the simulated call's revert decodes to the registry's custom error.
    await form.getByLabel("Name").fill("copycat");
    await form.getByRole("button", { name: "Register model" }).click();
    const alert = page.getByTestId("register-status");
    await alert.getByText(/ManifestAlreadyRegistered/).waitFor();
    const text = (await alert.textContent()) ?? "";
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.match(text, new RegExp(`register reverted with ManifestAlreadyRegistered\\(${hash}, ${id}\\)`, "i"));
    assert.match(text, new RegExp(`already registered as model ${id}`));
    assert.equal(sends(), 1, "nothing was sent for the duplicate");
    assert.equal(await stack.publicClient.readContract({ ...registry, functionName: "modelCount" }), id);
    assert.equal(
      (await stack.publicClient.readContract({ ...registry, functionName: "model", args: [id] })).creator,
      creator,
    );
    await session.screenshot("models-duplicate-hash");
    await page.setViewportSize({ width: 390, height: 844 });
    await form.getByRole("button", { name: "Register model" }).waitFor();
    await session.screenshot("models-phone");
    await assertFitsPhone(session);
    assertClean(session);
  });
});

describe("Stake", () => {
  it("stakes as a new validator (approve, then stake) and shows the stake's decoded revert after an approval", {
    timeout: 180_000,
  }, async () => {
    const session = await open(NEW_VALIDATOR);
    const { page } = session;
    const account = session.account.address;
    const d = stack.deployment;
    const sends = () => session.walletLog.filter((l) => l.method === "eth_sendTransaction").length;
    const validatorStake = async () =>
      (
        await stack.publicClient.readContract({
          address: d.ValidatorRegistry,
          abi: validatorRegistryAbi,
          functionName: "validator",
          args: [account],
        })
      ).stake;
    const allowance = () =>
      stack.publicClient.readContract({
        address: d.GridToken,
        abi: gridTokenAbi,
        functionName: "allowance",
        args: [account, d.ValidatorRegistry],
      });
    assert.equal(await validatorStake(), 0n);
    assert.equal(await allowance(), 0n);
    const before = await balances(account);

    await session.goto("/node");
    await session.connect();
    await page.getByText("Neither worker nor validator yet").waitFor();
    const panel = page.getByRole("group", { name: "Validator stake" });
    await panel.getByLabel("Amount to stake (GRID)").fill("1000");
    await panel.getByRole("button", { name: "Stake as validator" }).click();
    // Staked: the page moves the panel into the Validator section, with the stake from the chain.
    await page.getByRole("heading", { name: "Validator", exact: true }).waitFor();
    await page.getByTestId("validator-stake").getByText("1,000 GRID", { exact: false }).waitFor();
    const stake = 1000n * 10n ** 18n;
    assert.equal(await validatorStake(), stake);
    assert.equal(await allowance(), 0n, "the approval was exactly the stake");
    assert.equal((await balances(account)).wallet, before.wallet - stake);
    assert.equal(sends(), 2, "approve, then stake");

    // More than the wallet holds: the approval goes through (it moves nothing), the stake's
    // simulation reverts in the token and the hook stops there.
    const wallet = before.wallet - stake;
    const tooMuch = wallet + stake;
    const more = page.getByRole("group", { name: "Validator stake" });
    await more.getByLabel("Stake more (GRID)").fill(String(tooMuch / 10n ** 18n));
    await more.getByRole("button", { name: "Stake more as validator" }).click();
    const alert = more.getByRole("alert");
    await alert
      .getByText(/ERC20InsufficientBalance/)
      .first()
      .waitFor();
    assert.match(
      (await alert.textContent()) ?? "",
      new RegExp(`stake reverted with ERC20InsufficientBalance\\(${account}, ${wallet}, ${tooMuch}\\)`),
    );
    assert.equal(sends(), 3, "the approval only");
    assert.equal(await allowance(), tooMuch);
    assert.equal(await validatorStake(), stake);
    await session.screenshot("node-stake-insufficient");
    assertClean(session);
  });
});
