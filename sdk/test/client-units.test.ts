// The client's offline parts: option validation, the prompt-token bound, the SSE parser, the
// router's score and order, and revert decoding from raw revert data.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError, encodeErrorResult, getAddress, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createInferGridClient, inputTokenBound, MAX_TOKENS_LIMIT, parseRunJobOptions } from "../src/client.ts";
import { ContractRevertError, decodeRevert, explainRevert, inferGridErrorsAbi } from "../src/contracts.ts";
import { InvalidJobOptionsError } from "../src/errors.ts";
import { compareRanked, scoreWorker } from "../src/router.ts";
import { parseSse } from "../src/sse.ts";

const account = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const base = { model: "tiny", prompt: "hi", maxTokens: 8, maxPricePerToken: 10n } as const;

function issues(options: Parameters<typeof parseRunJobOptions>[0]): string {
  try {
    parseRunJobOptions(options);
  } catch (e) {
    assert.ok(e instanceof InvalidJobOptionsError);
    return e.message;
  }
  assert.fail("expected InvalidJobOptionsError");
}

describe("runJob options", () => {
  it("accepts a minimal job and fills the defaults", () => {
    const o = parseRunJobOptions({ ...base, maxPricePerToken: 7 });
    assert.equal(o.redundancy, 1);
    assert.equal(o.waitFor, "result");
    assert.equal(o.usePermit, false);
    assert.equal(o.maxPricePerToken, 7n);
  });

  it("names each problem: zero max tokens, prompt and messages, no price, bad redundancy", () => {
    assert.match(issues({ ...base, maxTokens: 0 }), /maxTokens: maxTokens must be at least 1/);
    assert.match(
      issues({ ...base, messages: [{ role: "user", content: "x" }] }),
      /give exactly one of prompt and messages/,
    );
    const { prompt: _p, ...noPrompt } = base;
    assert.match(issues(noPrompt), /give exactly one of prompt and messages/);
    const { maxPricePerToken: _m, ...noPrice } = base;
    assert.match(
      issues({ ...noPrice, maxPricePerInputToken: 1n }),
      /give maxPricePerToken, or both maxPricePerInputToken and maxPricePerOutputToken/,
    );
    assert.match(issues({ ...base, redundancy: 0 }), /redundancy must be at least 1/);
    assert.match(issues({ ...base, maxTokens: MAX_TOKENS_LIMIT + 1 }), /maxTokens/);
    assert.match(issues({ ...base, maxPricePerToken: 2n ** 64n }), /0\.\.2\^64-1/);
    assert.match(issues({ ...base, maxTokens: 0, prompt: "" }), /Nothing was sent and no funds moved/);
  });

  it("rejects bad options before any request: the client's RPC is never reached", async () => {
    let requests = 0;
    const client = createInferGridClient({
      account,
      rpcUrl: "http://127.0.0.1:9",
      fetch: async () => {
        requests++;
        return new Response("{}");
      },
    });
    await assert.rejects(client.runJob({ ...base, maxTokens: 0 }), InvalidJobOptionsError);
    assert.equal(requests, 0);
  });

  it("bounds prompt tokens by UTF-8 bytes + 64, messages by their JSON + 16 per message", () => {
    assert.equal(inputTokenBound({ prompt: "héllo" }), 6 + 64);
    const messages = [{ role: "user" as const, content: "hi" }];
    assert.equal(inputTokenBound({ messages }), JSON.stringify(messages).length + 16 + 64);
    assert.equal(inputTokenBound({ prompt: "x".repeat(MAX_TOKENS_LIMIT) }), MAX_TOKENS_LIMIT);
  });
});

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
}

describe("parseSse", () => {
  it("parses events split across chunks, CRLF, comments, multi-line data and ids", async () => {
    const events = [];
    for await (const e of parseSse(
      streamOf(
        ": hello\n\nevent: tok",
        "en\r\ndata: 0xab\r\n\r",
        "\ndata: a\ndata: b\nid: 7\n\nevent: done\ndata:x\n\n",
      ),
    ))
      events.push(e);
    assert.deepEqual(events, [
      { event: "token", data: "0xab", id: undefined },
      { event: "message", data: "a\nb", id: "7" },
      { event: "done", data: "x", id: "7" },
    ]);
  });

  it("drops an unterminated last event", async () => {
    const events = [];
    for await (const e of parseSse(streamOf("data: complete\n\ndata: cut off"))) events.push(e.data);
    assert.deepEqual(events, ["complete"]);
  });
});

describe("router score", () => {
  const req = { modelId: 1n, maxPricePerInputToken: 100n, maxPricePerOutputToken: 200n, minDuration: 60 };
  it("is (elo - 1500)/100 - 2 * mean price ratio - rtt/250", () => {
    assert.equal(
      scoreWorker({ elo: 1600, pricePerInputToken: 50n, pricePerOutputToken: 100n, rttMs: 125 }, req),
      1 - 1 - 0.5,
    );
    assert.equal(scoreWorker({ elo: 1500, pricePerInputToken: 0n, pricePerOutputToken: 0n, rttMs: 0 }, req), 0);
    assert.equal(
      scoreWorker(
        { elo: 1500, pricePerInputToken: 0n, pricePerOutputToken: 0n, rttMs: 0 },
        { ...req, maxPricePerInputToken: 0n },
      ),
      0,
    );
  });

  it("orders by score, then by address", () => {
    const a = getAddress("0x00000000000000000000000000000000000000aa") as Address;
    const b = getAddress("0x00000000000000000000000000000000000000bb") as Address;
    const sorted = [
      { address: b, score: 1 },
      { address: b, score: 2 },
      { address: a, score: 1 },
    ].sort(compareRanked);
    assert.deepEqual(sorted, [
      { address: b, score: 2 },
      { address: a, score: 1 },
      { address: b, score: 1 },
    ]);
  });
});

describe("revert decoding", () => {
  it("knows the errors of every contract, deduplicated", () => {
    const names = inferGridErrorsAbi.map((e) => e.name);
    for (const n of [
      "PriceAboveMax",
      "DeadlinePassed",
      "UnknownModel",
      "ParamOutOfBounds",
      "ERC20InsufficientAllowance",
      "CommitWindowClosed",
    ]) {
      assert.ok(names.includes(n), n);
    }
    const sigs = inferGridErrorsAbi.map((e) => `${e.name}(${e.inputs.map((i) => i.type).join(",")})`);
    assert.equal(new Set(sigs).size, sigs.length);
  });

  it("finds revert data deep in an error chain and explains it", () => {
    const worker = getAddress("0x1111111111111111111111111111111111111111");
    const data = encodeErrorResult({
      abi: inferGridErrorsAbi,
      errorName: "InsufficientStake",
      args: [worker, 5n, 10n ** 21n],
    });
    const wrapped = new BaseError("outer", {
      cause: new BaseError("inner", { cause: Object.assign(new Error("rpc"), { data }) }),
    });
    const e = decodeRevert(wrapped, "postJob");
    assert.ok(e instanceof ContractRevertError);
    assert.equal(e.errorName, "InsufficientStake");
    assert.match(
      e.message,
      /^postJob reverted with InsufficientStake\(0x1111111111111111111111111111111111111111, 5, 1000000000000000000000\): /,
    );
    assert.match(e.message, /stakes 0\.000000000000000005 GRID, below the minimum 1000 GRID/);
    assert.equal(decodeRevert(new Error("socket hang up")), undefined);
  });

  it("has a generic sentence for errors without a specific hint", () => {
    assert.match(explainRevert("SomethingNew", []), /NatSpec/);
    assert.match(explainRevert("Error", ["nope"]), /"nope"/);
  });
});
