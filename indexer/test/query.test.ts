// The query layer and the host's number handling on their own, against the real schema.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { graphql } from "graphql";
import { loadEntityModel } from "../src/entities.ts";
import { buildQuerySchema, pluralize } from "../src/graphql.ts";
import { bigIntToBytes, bytesToBigInt, decimalFromString, decimalOps, decimalToString } from "../src/host.ts";
import { EntityStore, StoreError, type EntityData } from "../src/store.ts";

const SUBGRAPH_DIR = dirname(createRequire(import.meta.url).resolve("@infergrid/subgraph/package.json"));
const model = loadEntityModel(join(SUBGRAPH_DIR, "schema.graphql"));

function worker(id: string, elo: number, earnings: string): EntityData {
  return {
    id,
    registered: true,
    endpoint: `http://${id}`,
    encryptionKey: "0x00",
    region: 0,
    capacity: 1,
    minJobDuration: 60,
    paused: false,
    stake: "1000",
    unbonding: "0",
    unbondingReadyAt: "0",
    elo,
    activeJobs: 0,
    jobsDone: 0,
    jobsFailed: 0,
    tokensServed: "0",
    earnings,
    slashed: "0",
    registeredAt: null,
  };
}

function fixture() {
  const store = new EntityStore(model);
  store.set("Worker", "0x0a", worker("0x0a", 1510, "900"));
  store.set("Worker", "0x0b", worker("0x0b", 1490, "10000000000000000000000"));
  store.set("Worker", "0x0c", worker("0x0c", 1510, "5"));
  const schema = buildQuerySchema(model, store, () => ({
    block: { number: 7, hash: null, timestamp: null },
    deployment: "t",
    hasIndexingErrors: false,
  }));
  const run = async (source: string, variableValues?: Record<string, unknown>) => {
    const r = await graphql({ schema, source, variableValues });
    if (r.errors) throw new Error(r.errors.map((e) => e.message).join("; "));
    return JSON.parse(JSON.stringify(r.data)) as Record<string, unknown>;
  };
  return { store, schema, run };
}

describe("query layer", () => {
  it("orders by Int and by BigInt numerically, ties by id", async () => {
    const { run } = fixture();
    const byElo = await run("{ workers(orderBy: elo, orderDirection: desc) { id } }");
    assert.deepEqual(byElo.workers, [{ id: "0x0a" }, { id: "0x0c" }, { id: "0x0b" }]);
    const byEarnings = await run("{ workers(orderBy: earnings, orderDirection: desc, first: 2) { id } }");
    assert.deepEqual(byEarnings.workers, [{ id: "0x0b" }, { id: "0x0a" }]);
  });

  it("filters with equality, _in, _gt, _gte, _lt, _lte, _not and skips", async () => {
    const { run } = fixture();
    const ids = async (where: string, extra = "") =>
      ((await run(`{ workers(where: ${where}${extra}, orderBy: id) { id } }`)).workers as { id: string }[]).map(
        (w) => w.id,
      );
    assert.deepEqual(await ids("{ elo: 1510 }"), ["0x0a", "0x0c"]);
    assert.deepEqual(await ids('{ earnings_gt: "900" }'), ["0x0b"]);
    assert.deepEqual(await ids('{ earnings_gte: "900" }'), ["0x0a", "0x0b"]);
    assert.deepEqual(await ids('{ earnings_lt: "900" }'), ["0x0c"]);
    assert.deepEqual(await ids("{ elo_lte: 1490 }"), ["0x0b"]);
    assert.deepEqual(await ids('{ id_in: ["0x0A", "0x0c"] }'), ["0x0a", "0x0c"]);
    assert.deepEqual(await ids('{ id_not: "0x0a" }'), ["0x0b", "0x0c"]);
    assert.deepEqual(await ids("{ elo: 1510 }", ", skip: 1"), ["0x0c"]);
    assert.deepEqual(await ids('{ or: [{ elo: 1490 }, { earnings: "5" }] }'), ["0x0b", "0x0c"]);
  });

  it("answers single entities by id (Bytes ids case-insensitively), _meta, and rejects unknown operators by name", async () => {
    const { run, schema } = fixture();
    assert.deepEqual(await run('{ worker(id: "0x0B") { elo } _meta { block { number } } }'), {
      worker: { elo: 1490 },
      _meta: { block: { number: 7 } },
    });
    const r = await graphql({ schema, source: "{ workers(where: { elo_like: 1 }) { id } }" });
    assert.match(r.errors![0].message, /elo_like/);
    const big = await graphql({ schema, source: "{ workers(first: 5000) { id } }" });
    assert.match(big.errors![0].message, /first/);
  });

  it("resolves references and @derivedFrom lists, with nested filters", async () => {
    const { store, run } = fixture();
    for (const [i, w] of ["0x0a", "0x0b"].entries()) {
      store.set("WorkerModel", `${w}-1`, {
        id: `${w}-1`,
        worker: w,
        model: "1",
        pricePerInputToken: String(10 + i),
        pricePerOutputToken: "20",
        served: i === 0,
        updatedAt: "0",
      });
    }
    const data = await run(
      '{ worker(id: "0x0a") { models { id served pricePerInputToken worker { id } } } workerModels(where: { worker_: { elo_lt: 1500 } }) { id } }',
    );
    assert.deepEqual(data, {
      worker: { models: [{ id: "0x0a-1", served: true, pricePerInputToken: "10", worker: { id: "0x0a" } }] },
      workerModels: [{ id: "0x0b-1" }],
    });
    // The reverse index behind @derivedFrom follows later writes.
    store.set("WorkerModel", "0x0b-1", { ...store.get("WorkerModel", "0x0b-1")!, worker: "0x0a" });
    const again = await run(
      '{ worker(id: "0x0a") { models(orderBy: id) { id } } w: worker(id: "0x0b") { models { id } } }',
    );
    assert.deepEqual(again, { worker: { models: [{ id: "0x0a-1" }, { id: "0x0b-1" }] }, w: { models: [] } });
  });

  it("the store checks rows against the schema", () => {
    const { store } = fixture();
    assert.throws(() => store.set("Worker", "0x0d", { ...worker("0x0d", 1, "0"), nope: 1 }), StoreError);
    const { elo: _elo, ...missing } = worker("0x0d", 1, "0");
    assert.throws(() => store.set("Worker", "0x0d", missing as EntityData), /non-nullable field "elo"/);
    assert.throws(() => store.set("Nope", "1", { id: "1" }), /Unknown entity type "Nope"/);
  });

  it("pluralizes entity names like graph-node", () => {
    assert.deepEqual(["Job", "DailyStat", "ProposalVote", "Case", "Protocol", "Withdrawal"].map(pluralize), [
      "jobs",
      "dailyStats",
      "proposalVotes",
      "cases",
      "protocols",
      "withdrawals",
    ]);
  });
});

describe("host numbers", () => {
  it("BigInt bytes are little-endian two's complement", () => {
    for (const n of [0n, 1n, 127n, 128n, 255n, 256n, -1n, -128n, -129n, 2n ** 255n, -(2n ** 200n)]) {
      assert.equal(bytesToBigInt(bigIntToBytes(n)), n, String(n));
    }
    assert.deepEqual([...bigIntToBytes(128n)], [128, 0]);
    assert.deepEqual([...bigIntToBytes(-1n)], [255]);
  });

  it("BigDecimal keeps 34 significant digits and prints plainly", () => {
    const div = (a: string, b: string) =>
      decimalToString(decimalOps.dividedBy(decimalFromString(a), decimalFromString(b)));
    assert.equal(div("13", "2"), "6.5");
    assert.equal(div("1", "3"), "0.3333333333333333333333333333333333");
    assert.equal(div("2", "3"), "0.6666666666666666666666666666666667");
    assert.equal(div("100", "4"), "25");
    assert.equal(div("0", "7"), "0");
    assert.equal(decimalToString(decimalOps.plus(decimalFromString("1.5"), decimalFromString("-0.25"))), "1.25");
    assert.equal(decimalToString(decimalFromString("1200")), "1200");
    assert.equal(decimalToString(decimalFromString("-0.050")), "-0.05");
  });
});
