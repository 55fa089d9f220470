// The Playground and the Jobs pages end to end: a job posted from the browser through the sdk's
// client, its tokens streamed live before the result is final, its verification status followed
// to finalization, its cost checked against the chain, and its history on /jobs and /jobs/<id>.
// One unhappy path: a max price below every worker's price names the reason and posts nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { join } from "node:path";
import type { Address } from "viem";
import { jobMarketAbi } from "@infergrid/sdk/abis";
import { fromHtml, fromManifests } from "../scripts/first-load-js.ts";
import {
  ROOT,
  offMachine,
  openSession,
  startStack,
  type Session,
  type Stack,
  until,
  gridBalances,
  testPort,
} from "./harness.ts";

const PORT = testPort(20_545);
let stack: Stack;
let session: Session;

before(async () => {
  stack = await startStack({ port: PORT, tokenDelayMs: 40 });
  session = await openSession(stack, 1);
});
after(async () => {
  await session?.close();
  await stack?.stop();
});

const balances = (account: Address) => gridBalances(stack, account);

const sentTransactions = () => session.walletLog.filter((l) => l.method === "eth_sendTransaction").length;

describe("playground and jobs pages", () => {
  it("a max price below every worker's price shows no eligible worker with the reason and posts nothing", async () => {
    const { page } = session;
    await session.goto("/playground");
    await page.getByRole("heading", { name: "Playground" }).waitFor();
    await session.connect();
    await page.getByLabel("Model").selectOption({ label: "tiny-gpt2" });
    // Workers ask 1e9 wei per input token and 2e9 per output token: 1e9 is too little for the output.
    await page.getByLabel("Max price per token (GRID)").fill("0.000000001");
    await page.getByText("No eligible worker").first().waitFor();
    await page
      .getByText(/output price 2000000000 wei\/token is above your max 1000000000/)
      .first()
      .waitFor();
    const nonce = await stack.publicClient.getTransactionCount({ address: session.account.address });
    await page.getByRole("button", { name: "Post job" }).click();
    const alert = page.getByTestId("job-error");
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    assert.match(text, /No eligible worker/);
    assert.match(text, /need 1 eligible worker\(s\) for model 1, found 0/);
    assert.match(text, /output price 2000000000 wei\/token is above your max 1000000000/);
    assert.match(text, /No funds moved/);
    await session.screenshot("playground-no-eligible-worker");
    assert.equal(sentTransactions(), 0);
    assert.equal(await stack.publicClient.getTransactionCount({ address: session.account.address }), nonce);
  });

  it("streams the tokens before the job is final, follows it to finalized, and bills the shown cost", async () => {
    const { page } = session;
    const poster = session.account.address;
    await page.getByLabel("Max price per token (GRID)").fill("0.00000001");
    // Both workers take the job at this price.
    await page.getByTestId("eligible-workers").getByRole("table").waitFor();
    assert.equal(await page.getByTestId("eligible-workers").locator("tbody tr").count(), 2);
    await page.getByLabel("Prompt (sent as a chat message)").fill("Write a haiku about verifiable computation.");
    await page.getByLabel("Max tokens").fill("24");
    const before = await balances(poster);

    await page.getByRole("button", { name: "Post job" }).click();

    // Watch the output grow while the status shown is not finalized (and on chain, neither).
    const output = page.getByTestId("output");
    const seen: { length: number; status: string | null }[] = [];
    let screenshotDuringStream = false;
    // The sdk's onPosted hands the page the job id once the post is mined, before the result.
    let jobShownBeforeResult = false;
    await until(
      "the output to grow twice while the job is not final",
      async () => {
        const text = (await output.textContent()) ?? "";
        const status = await page
          .locator("[data-testid=job-status] [data-status]")
          .getAttribute("data-status", { timeout: 1 })
          .catch(() => null);
        if (text.startsWith("Waiting for the first token")) return undefined;
        if (seen.length === 0 || text.length > seen.at(-1)!.length) seen.push({ length: text.length, status });
        if (
          !jobShownBeforeResult &&
          (await page.getByTestId("job-link").isVisible()) &&
          !((await page.getByTestId("verified").textContent()) ?? "").includes("hashes to")
        )
          jobShownBeforeResult = true;
        const growths = seen.filter((s) => s.status !== "finalized").length;
        if (growths >= 2 && !screenshotDuringStream) {
          assert.ok(
            await page.getByRole("button", { name: "Cancel" }).isVisible(),
            "Cancel is offered while streaming",
          );
          screenshotDuringStream = true;
          await session.screenshot("playground-streaming");
        }
        return growths >= 3 ? true : undefined;
      },
      60_000,
      40,
    );
    assert.ok(
      seen.every((s) => s.status !== "finalized"),
      `the output grew only before finalization: ${JSON.stringify(seen)}`,
    );
    assert.ok(jobShownBeforeResult, "the job's id showed while the tokens streamed, before the verified result");

    // runJob returns once the output is fetched and hashed to the worker's commitment.
    await until(
      "the verified result",
      async () => ((await page.getByTestId("verified").textContent())?.includes("hashes to") ? true : undefined),
      60_000,
    );
    const jobId = BigInt(((await page.getByTestId("job-link").textContent()) ?? "").replace(/\D/g, ""));
    await page.getByTestId("commitment").first().waitFor();
    const commitments = await page.getByTestId("commitment").allTextContents();
    assert.equal(commitments.length, 1);
    assert.match(commitments[0]!, /^0x[0-9a-f]{64}$/);
    const streamedText = (await output.textContent()) ?? "";
    assert.ok(streamedText.length > 0);
    // The account's first job: its allowance was 0, so the escrow was approved, then posted.
    const facts = (await page.getByTestId("job-facts").textContent()) ?? "";
    assert.match(facts, /approve: 0x[0-9a-f]{64}/);
    assert.match(facts, /postJob: 0x[0-9a-f]{64}/);

    // The challenge window is 30 s of chain time: move the clock past it; the worker finalizes.
    await page.locator("[data-testid=job-status] [data-status=challenge]").waitFor();
    assert.match((await page.getByTestId("challenge-end").textContent()) ?? "", /ends .* chain time/);
    await stack.rpc("evm_increaseTime", [31]);
    await stack.rpc("evm_mine");
    await page.locator("[data-testid=job-status] [data-status=finalized]").waitFor({ timeout: 90_000 });
    await session.screenshot("playground-finalized");

    // On chain: finalized, and the poster paid exactly the cost shown (the unused escrow is credited to its market balance).
    const job = await stack.publicClient.readContract({
      address: stack.deployment.JobMarket,
      abi: jobMarketAbi,
      functionName: "job",
      args: [jobId],
    });
    assert.equal(job.status, 4, "JobMarket status Finalized");
    const shownCost = BigInt((await page.getByTestId("job-cost").getAttribute("data-wei")) ?? "-1");
    const [finalized] = await stack.publicClient.getContractEvents({
      address: stack.deployment.JobMarket,
      abi: jobMarketAbi,
      eventName: "JobFinalized",
      args: { jobId },
      fromBlock: 0n,
    });
    assert.ok(finalized, "a JobFinalized event");
    assert.equal(shownCost, finalized.args.totalFee);
    assert.ok(shownCost > 0n);
    const after = await balances(poster);
    assert.equal(before.wallet + before.market - (after.wallet + after.market), shownCost);
    assert.equal(job.poster.toLowerCase(), poster.toLowerCase());

    // /jobs lists it (from the subgraph), and its page shows the timeline and the live status.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
    await page.getByRole("heading", { name: "My jobs" }).waitFor();
    const row = page.locator(`tr[data-job="${jobId}"]`);
    await row.locator("[data-status=finalized]").waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? "", /tiny-gpt2/);
    await session.screenshot("jobs-list");

    await row.getByRole("link", { name: `#${jobId}` }).click();
    await page.getByRole("heading", { name: `Job #${jobId}` }).waitFor();
    await page.locator("[data-testid=live-status] [data-status=finalized]").waitFor();
    const timeline = page.getByTestId("timeline");
    await timeline.locator("li[data-kind=Finalized]").waitFor({ timeout: 30_000 });
    const kinds = await timeline.locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    for (const k of ["Posted", "Assigned", "ResultSubmitted", "ChallengeStarted", "WorkerPaid", "Finalized"])
      assert.ok(kinds.includes(k), `timeline has ${k}: ${kinds.join(", ")}`);
    assert.ok(
      kinds.indexOf("Posted") < kinds.indexOf("ResultSubmitted") &&
        kinds.indexOf("ResultSubmitted") < kinds.indexOf("Finalized"),
    );
    const txText = (await page.getByTestId("transactions").textContent()) ?? "";
    assert.ok((txText.match(/0x[0-9a-f]{64}/g) ?? []).length >= 3, "post, result and finalize transactions");
    assert.match((await page.getByTestId("job-total-fee").textContent()) ?? "", /GRID/);
    await session.screenshot("job-detail");

    // A 390 px phone: nothing wider than the screen (tables scroll inside their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("main *")]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-wrap"))
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`),
      );
    await page.getByTestId("timeline").waitFor();
    assert.ok((await overflow()) <= 0, `the job page fits a 390 px screen; too wide: ${(await wide()).join(", ")}`);
    await session.screenshot("job-detail-phone");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playground" }).click();
    await page.getByTestId("eligible-workers").waitFor();
    assert.ok((await overflow()) <= 0, `the playground fits a 390 px screen; too wide: ${(await wide()).join(", ")}`);
    await session.screenshot("playground-phone");

    assert.deepEqual(offMachine(session.requests), []);
    assert.deepEqual(session.pageErrors, []);
  });

  it("pays with a permit signature: one transaction, no approve", async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Max price per token (GRID)").fill("0.00000001");
    await page.getByLabel("Max tokens").fill("8");
    await page.getByLabel("Permit signature (one transaction)").check();
    const sentBefore = sentTransactions();
    const typedBefore = session.walletLog.filter((l) => l.method === "eth_signTypedData_v4").length;
    await page.getByRole("button", { name: "Post job" }).click();
    await until(
      "the verified result",
      async () => ((await page.getByTestId("verified").textContent())?.includes("hashes to") ? true : undefined),
      60_000,
    );
    const txs = (await page.getByTestId("job-facts").textContent()) ?? "";
    assert.match(txs, /postJobWithPermit: 0x[0-9a-f]{64}/);
    assert.doesNotMatch(txs, /approve:/);
    assert.equal(sentTransactions() - sentBefore, 1);
    assert.equal(session.walletLog.filter((l) => l.method === "eth_signTypedData_v4").length - typedBefore, 1);
    await session.screenshot("playground-permit");
    assert.deepEqual(session.pageErrors, []);
  });

  it("measures the Playground's first-load JS from the build and from the served HTML", async () => {
    const dist = join(ROOT, "web", process.env.NEXT_DIST_DIR ?? ".next");
    const built = fromManifests(dist, "/playground");
    const served = await fromHtml(dist, stack.webUrl, "/playground");
    const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    console.log(
      `first-load JS /playground: manifests ${kb(built.gzip)} gzip (${built.files.length} files, route's own ${kb(built.gzip - built.sharedGzip)}); served HTML ${kb(served.gzip)} gzip (${served.files.length} files)`,
    );
    // The script's two ways agree: the chunks the served page asks for are the ones the manifests count.
    assert.ok(built.gzip > 0);
    assert.deepEqual(
      served.files.map((f) => f.file),
      built.files.map((f) => f.file),
    );
  });
});
