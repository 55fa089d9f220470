// The Network and Workers pages end to end, plus keyboard and phone checks of every page.
// Two jobs run through the sdk in this process (account #1) and finalize; then the Network page
// must show the job count and tokens served that the chain and the subgraph hold, with its charts
// drawn; the leaderboard must list the stack's workers with their on-chain Elo; a row's link opens
// the worker's page with its endpoint and models. Tab reaches the nav links and Enter follows one.
// At 390x844 no page scrolls sideways.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Address } from "viem";
import { jobMarketAbi, workerRegistryAbi } from "@infergrid/sdk/abis";
import { createInferGridClient } from "@infergrid/sdk/client";
import { NETWORK_STATS } from "@infergrid/sdk/subgraph";
import { formatGrid } from "../lib/format.ts";
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

const PORT = testPort(23_545);
const WORKERS: readonly Address[] = [testAccount(2).address, testAccount(3).address];
const PHONE = { width: 390, height: 844 };
/** Every route of the app; the ones another helper has not built yet are skipped with a note. */
const ROUTES = [
  { path: "/", name: "network" },
  { path: "/playground", name: "playground" },
  { path: "/jobs", name: "jobs" },
  { path: "/workers", name: "workers" },
  { path: "/node", name: "node" },
  { path: "/models", name: "models" },
  { path: "/governance", name: "governance" },
] as const;

let stack: Stack;
let session: Session;

before(async () => {
  stack = await startStack({ port: PORT, workers: 2 });
  session = await openSession(stack, 1);
});
after(async () => {
  await session?.close();
  await stack?.stop();
});

type Totals = {
  protocol: { jobsPosted: number; jobsFinalized: number; tokensServed: string; fees: string } | null;
  _meta: { block: { number: number } } | null;
};

async function subgraphTotals(): Promise<Totals> {
  const res = await fetch(stack.subgraphUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: NETWORK_STATS, variables: { days: 30 } }),
  });
  const body = (await res.json()) as { data?: Totals; errors?: { message: string }[] };
  if (!body.data) throw new Error(`subgraph: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const formatInt = (n: number | bigint | string) => BigInt(n).toLocaleString("en-US");

const chainWorker = (address: Address) =>
  stack.publicClient.readContract({
    address: stack.deployment.WorkerRegistry,
    abi: workerRegistryAbi,
    functionName: "worker",
    args: [address],
  });

/** Jobs and tokens as the chain counts them: jobs posted, and tokens of paid results summed over the workers. */
async function chainTotals(): Promise<{ jobs: bigint; tokens: bigint }> {
  const next = await stack.publicClient.readContract({
    address: stack.deployment.JobMarket,
    abi: jobMarketAbi,
    functionName: "nextJobId",
  });
  const stats = await Promise.all(
    WORKERS.map((w) =>
      stack.publicClient.readContract({
        address: stack.deployment.WorkerRegistry,
        abi: workerRegistryAbi,
        functionName: "stats",
        args: [w],
      }),
    ),
  );
  return { jobs: next - 1n, tokens: stats.reduce((sum, s) => sum + s.tokensServed, 0n) };
}

/** The document is no wider than the viewport: nothing scrolls sideways. */
async function assertNoHorizontalOverflow(s: Session, what: string) {
  const m = await s.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(
    m.scrollWidth <= m.innerWidth,
    `${what}: document is ${m.scrollWidth}px wide in a ${m.innerWidth}px viewport`,
  );
}

/** Waits until the page shows no loading state (data arrived or an error/empty state replaced it). */
async function settled(s: Session) {
  await s.page.locator("main h1").first().waitFor();
  await s.page
    .locator("main .state.loading")
    .first()
    .waitFor({ state: "detached", timeout: 20_000 })
    .catch(() => undefined);
}

describe("network and workers pages", () => {
  it("two jobs run through the sdk and finalize", async () => {
    const client = createInferGridClient({
      account: testAccount(1),
      rpcUrl: stack.rpcUrl,
      deployment: stack.deployment,
    });
    for (const prompt of ["The network page counts this job.", "And this one."]) {
      const r = await client.runJob({
        model: "tiny-gpt2",
        prompt,
        maxTokens: 16,
        maxPricePerToken: 10_000_000_000n,
        waitFor: "result",
      });
      assert.ok(r.outputTokens > 0, "the worker produced tokens");
    }
    // Workers finalize their own jobs once the 30 s challenge window has passed on the chain's clock.
    let polls = 0;
    const totals = await until(
      "both jobs finalized in the subgraph",
      async () => {
        if (polls++ % 20 === 0) {
          await stack.rpc("evm_increaseTime", [31]);
          await stack.rpc("evm_mine");
        }
        const t = await subgraphTotals();
        return t.protocol && t.protocol.jobsFinalized >= 2 ? t : undefined;
      },
      120_000,
      500,
    );
    assert.equal(totals.protocol!.jobsPosted, 2);
    assert.ok(BigInt(totals.protocol!.tokensServed) > 0n);
  });

  it("the Network page shows the chain's job count and tokens served, charts, workers online and models served", async () => {
    const { page } = session;
    await session.goto("/");
    await page.getByRole("heading", { name: "Network", level: 1 }).waitFor();
    const chain = await chainTotals();
    const sub = await subgraphTotals();
    assert.equal(BigInt(sub.protocol!.jobsPosted), chain.jobs, "subgraph and chain agree on jobs posted");
    assert.equal(BigInt(sub.protocol!.tokensServed), chain.tokens, "subgraph and chain agree on tokens served");
    await page.locator('[data-stat="jobs-posted"] .value').getByText(formatInt(chain.jobs), { exact: true }).waitFor();
    await page
      .locator('[data-stat="tokens-served"] .value')
      .getByText(formatInt(chain.tokens), { exact: true })
      .waitFor();
    await page
      .locator('[data-stat="jobs-finalized"] .value')
      .getByText(formatInt(sub.protocol!.jobsFinalized), { exact: true })
      .waitFor();
    await page
      .locator('[data-stat="fees"] .value')
      .getByText(formatGrid(sub.protocol!.fees, 12), { exact: true })
      .waitFor();
    assert.ok(BigInt(sub.protocol!.fees) > 0n);
    assert.match((await page.getByTestId("indexed-block").textContent()) ?? "", /Indexed up to block \d/);

    // Charts: a named figure and image per series, bars drawn, and the same numbers in a table.
    const jobsChart = page.getByRole("figure", { name: "Jobs posted per day" });
    await jobsChart
      .getByRole("img", {
        name: new RegExp(`^Jobs posted per day, bar chart over \\d+ days?: .*, ${chain.jobs} in all`),
      })
      .waitFor();
    await jobsChart.locator(".recharts-bar-rectangle").first().waitFor();
    assert.ok((await page.locator("figure .recharts-surface").count()) >= 4, "four charts drawn");
    const perDay = (await jobsChart.locator("details tbody td").allTextContents()).map((v) =>
      BigInt(v.replace(/,/g, "")),
    );
    assert.equal(
      perDay.reduce((a, b) => a + b, 0n),
      chain.jobs,
      "the table fallback holds the same jobs",
    );
    for (const name of ["Tokens served per day", "Fees paid per day", "Mean protocol latency per day"]) {
      await page.getByRole("figure", { name }).getByRole("img").waitFor();
    }

    // Online: both workers answer their health check; the one model they serve is listed.
    await page.locator('[data-stat="workers-online"] .value').getByText("2 of 2", { exact: true }).waitFor();
    for (const w of WORKERS)
      await page.locator(`tr[data-worker="${w.toLowerCase()}"]`).getByText("online", { exact: true }).waitFor();
    await page.locator('[data-stat="models-served"] .value').getByText("1", { exact: true }).waitFor();
    await page.locator("tr[data-model]").getByText("tiny-gpt2").waitFor();
    assert.match(
      (await page.getByText(/^Online means registered on chain/).textContent()) ?? "",
      /not paused.*\/health/,
    );
    await session.screenshot("network-desktop");
  });

  it("the Workers leaderboard lists the stack's workers with their on-chain Elo, sorts by earnings, and a row opens the worker's page", async () => {
    const { page } = session;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workers" }).click();
    await page.getByRole("heading", { name: "Workers", level: 1 }).waitFor();
    const board = page.getByTestId("leaderboard");
    await board.waitFor();
    for (const w of WORKERS) {
      const { elo } = await chainWorker(w);
      assert.notEqual(elo, 0);
      await board
        .locator(`tr[data-worker="${w.toLowerCase()}"] td[data-col="elo"]`)
        .getByText(String(elo), { exact: true })
        .waitFor();
    }
    assert.equal(await board.locator("tbody tr").count(), WORKERS.length);
    const elos = (await board.locator('td[data-col="elo"]').allTextContents()).map(Number);
    assert.deepEqual(
      elos,
      [...elos].sort((a, b) => b - a),
      "highest Elo first",
    );

    await page.getByRole("button", { name: "Earnings", exact: true }).click();
    assert.equal(
      await page.getByRole("button", { name: "Earnings", exact: true }).getAttribute("aria-pressed"),
      "true",
    );
    await board.getByText(/by earnings/).waitFor();
    assert.equal(await board.locator('th[aria-sort="descending"]').textContent(), "Earnings");
    await page.getByRole("button", { name: "Elo", exact: true }).click();
    await board.getByText(/by Elo rating/).waitFor();
    await session.screenshot("workers-desktop");

    // The router may have sent both jobs to one worker: open one that has results.
    const done = await Promise.all(
      WORKERS.map((w) =>
        stack.publicClient.readContract({
          address: stack.deployment.WorkerRegistry,
          abi: workerRegistryAbi,
          functionName: "stats",
          args: [w],
        }),
      ),
    );
    const target = WORKERS[done.findIndex((d) => d.jobsDone > 0n)]!;
    const profile = await stack.publicClient.readContract({
      address: stack.deployment.WorkerRegistry,
      abi: workerRegistryAbi,
      functionName: "profile",
      args: [target],
    });
    await board.locator(`tr[data-worker="${target.toLowerCase()}"]`).getByRole("link").click();
    await page.waitForURL(new RegExp(`/workers/${target}$`, "i"));
    await page.getByTestId("worker-address").getByText(target, { exact: true }).waitFor();
    await page.locator('[data-fact="endpoint"]').getByText(profile.endpoint, { exact: true }).waitFor();
    await page.getByTestId("worker-models").getByText("tiny-gpt2").waitFor();
    const { elo, stake } = await chainWorker(target);
    await page.locator('[data-fact="elo"]').getByText(String(elo), { exact: true }).waitFor();
    assert.match(
      (await page.locator('[data-fact="stake"]').textContent()) ?? "",
      new RegExp(`^${formatInt(stake / 10n ** 18n)}`),
    );
    await page
      .locator('[data-fact="status"]')
      .getByText(/^online/)
      .waitFor();
    await page.getByRole("heading", { name: "Recent results" }).waitFor();
    await page
      .getByRole("link", { name: /^#\d+$/ })
      .first()
      .waitFor();
    await session.screenshot("worker-desktop");
  });

  it("a malformed address shows an error and an unknown one an empty state", async () => {
    const { page } = session;
    await session.goto("/workers/not-an-address");
    const invalid = page.getByTestId("invalid-address");
    await invalid.waitFor();
    assert.match((await invalid.textContent()) ?? "", /not an Ethereum address/);
    assert.equal(await invalid.getAttribute("role"), "alert");
    await session.screenshot("worker-invalid-address");
    await session.goto("/workers/0x000000000000000000000000000000000000dEaD");
    const unknown = page.getByTestId("unknown-worker");
    await unknown.waitFor();
    assert.match(
      (await unknown.textContent()) ?? "",
      /No worker is registered at 0x000000000000000000000000000000000000dEaD/,
    );
    await session.screenshot("worker-unknown");
  });

  it("from the top of a page, Tab reaches every nav link and Enter follows one", async () => {
    const { page } = session;
    await session.goto("/");
    await page.getByRole("heading", { name: "Network", level: 1 }).waitFor();
    const nav = ["Network", "Playground", "Jobs", "Workers", "My node", "Models", "Governance"];
    const reached: string[] = [];
    for (let i = 0; i < 15 && reached.length < nav.length; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.closest('nav[aria-label="Main"]') ? (el.textContent ?? "").trim() : null;
      });
      if (focused) reached.push(focused);
    }
    assert.deepEqual(reached, nav, "Tab visits the nav links in order");
    // Back to the Workers link, then follow it with the keyboard.
    for (let i = 0; i < nav.length - nav.indexOf("Workers") - 1; i++) await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "Workers");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/workers$/);
    await page.getByRole("heading", { name: "Workers", level: 1 }).waitFor();
    assert.equal(
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Workers" })
        .getAttribute("aria-current"),
      "page",
    );
  });

  it("made no request off this machine and threw no page error (desktop)", () => {
    assert.deepEqual(offMachine(session.requests), []);
    assert.deepEqual(session.pageErrors, []);
  });
});

describe("phone (390x844)", () => {
  let phone: Session;
  before(async () => {
    phone = await openSession(stack, 1, { viewport: PHONE });
  });
  after(async () => {
    await phone?.close();
  });

  for (const route of ROUTES) {
    it(`${route.path} fits the screen without sideways scrolling`, async (t) => {
      const res = await fetch(`${stack.webUrl}${route.path}`);
      if (res.status === 404) {
        t.skip(`${route.path} is not built yet (404 in this build)`);
        return;
      }
      assert.equal(res.status, 200, `${route.path} answers`);
      await phone.goto(route.path);
      await settled(phone);
      if (route.path === "/") await phone.page.locator("figure .recharts-surface").first().waitFor();
      if (route.path === "/workers") await phone.page.getByTestId("leaderboard").waitFor();
      await assertNoHorizontalOverflow(phone, route.path);
      await phone.screenshot(`phone-${route.name}`);
    });
  }

  it("a worker's page fits the screen", async () => {
    await phone.goto(`/workers/${WORKERS[0]}`);
    await settled(phone);
    await phone.page.getByTestId("worker-models").waitFor();
    await assertNoHorizontalOverflow(phone, "/workers/[address]");
    await phone.screenshot("phone-worker");
  });

  it("made no request off this machine and threw no page error (phone)", () => {
    assert.deepEqual(offMachine(phone.requests), []);
    assert.deepEqual(phone.pageErrors, []);
  });
});
