// The protocol module against independent sources: the enums against the Solidity interfaces
// they name, the fee formulas against sums worked out by hand, the seal against the ABI layout
// written out word by word, the manifest hash against its canonical JSON.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { concat, keccak256, pad, stringToBytes, toHex, type Address, type Hex } from "viem";
import {
  BallotStatus,
  CaseKind,
  CaseStatus,
  canonicalManifestBytes,
  commitRevealSeal,
  enumName,
  feeSplit,
  jobEscrow,
  JobStatus,
  jobStatusName,
  manifestHash,
  resolveSampling,
  SAMPLING_DEFAULTS,
  WorkStatus,
  workerFee,
  workStatusName,
} from "../src/protocol/index.ts";

/** The members of `enum <name> { ... }` in a Solidity interface of the contracts package, in order. */
function solidityEnum(file: string, name: string): string[] {
  const url = new URL(`src/interfaces/${file}`, import.meta.resolve("@infergrid/contracts/package.json"));
  const source = readFileSync(url, "utf8");
  const body = new RegExp(`enum ${name}\\s*\\{([^}]*)\\}`).exec(source)?.[1];
  assert.ok(body, `enum ${name} not found in ${file}`);
  return body
    .replace(/\/\/.*$/gm, "")
    .split(",")
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
}

describe("protocol enums", () => {
  const cases = [
    ["IJobMarket.sol", "JobStatus", JobStatus],
    ["IJobMarket.sol", "WorkStatus", WorkStatus],
    ["IVerificationCourt.sol", "CaseKind", CaseKind],
    ["IVerificationCourt.sol", "CaseStatus", CaseStatus],
    ["IVerificationCourt.sol", "BallotStatus", BallotStatus],
  ] as const;
  for (const [file, name, values] of cases) {
    it(`${name} has the Solidity enum's members, each at its declaration index`, () => {
      const members = solidityEnum(file, name);
      assert.deepEqual(Object.keys(values), members);
      for (const [i, member] of members.entries()) assert.equal((values as Record<string, number>)[member], i);
    });
  }

  it("names values both ways; the client's status names follow the enum order", () => {
    assert.equal(enumName(JobStatus, 4), "Finalized");
    assert.equal(enumName(CaseStatus, 2), "Voting");
    assert.equal(enumName(JobStatus, 7), undefined);
    assert.deepEqual(Object.values(JobStatus).map(jobStatusName), [
      "none",
      "submitted",
      "challenge",
      "disputed",
      "finalized",
      "refunded",
      "audit",
    ]);
    assert.deepEqual(Object.values(WorkStatus).map(workStatusName), [
      "assigned",
      "declined",
      "committed",
      "delivered",
      "timed-out",
    ]);
  });
});

describe("fee formulas", () => {
  it("a worker's fee is its tokens at its prices", () => {
    // 5 x 3 + 2 x 7
    assert.equal(workerFee({ inputTokens: 5, outputTokens: 2, pricePerInputToken: 3n, pricePerOutputToken: 7n }), 29n);
    assert.equal(workerFee({ inputTokens: 0, outputTokens: 0, pricePerInputToken: 3n, pricePerOutputToken: 7n }), 0n);
  });

  it("the escrow is R x (maxIn x priceIn + maxOut x priceOut)", () => {
    // 3 x (100 x 2 + 200 x 5) = 3 x 1200
    const p = { maxInputTokens: 100, maxOutputTokens: 200, maxPricePerInputToken: 2n, maxPricePerOutputToken: 5n };
    assert.equal(jobEscrow({ redundancy: 3, ...p }), 3600n);
    assert.equal(jobEscrow({ redundancy: 1, ...p }), 1200n);
    // The largest job the market allows still computes exactly (8 workers, 2^24 tokens, 2^64 wei).
    const max = 2n ** 64n - 1n;
    assert.equal(
      jobEscrow({
        redundancy: 8,
        maxInputTokens: 2 ** 24 - 1,
        maxOutputTokens: 2 ** 24 - 1,
        maxPricePerInputToken: max,
        maxPricePerOutputToken: max,
      }),
      8n * 2n * (2n ** 24n - 1n) * max,
    );
  });

  it("splits 70 / 20 / 10 with each share rounded down and the dust to the treasury", () => {
    // fees 29 and 41, total 70: workers floor(29 x 0.7) = 20 and floor(41 x 0.7) = 28 (48);
    // creator floor(70 x 0.2) = 14; treasury 70 - 48 - 14 = 8 (10 % would be 7).
    const s = feeSplit({ fees: [29n, 41n], workerShareBps: 7000, creatorShareBps: 2000, escrow: 100n });
    assert.deepEqual(s, {
      totalFee: 70n,
      workers: [20n, 28n],
      workerTotal: 48n,
      creator: 14n,
      treasury: 8n,
      refund: 30n,
    });
    // A fee that divides evenly leaves no dust.
    const even = feeSplit({ fees: [1000n], workerShareBps: 7000, creatorShareBps: 2000 });
    assert.deepEqual([even.workers, even.creator, even.treasury, even.refund], [[700n], 200n, 100n, undefined]);
    // Nobody delivered: nothing to split, everything refunded.
    const none = feeSplit({ fees: [], workerShareBps: 7000, creatorShareBps: 2000, escrow: 55n });
    assert.deepEqual([none.totalFee, none.treasury, none.refund], [0n, 0n, 55n]);
  });
});

describe("commit-reveal seal", () => {
  it("is keccak256 of the three 32-byte ABI words value, party (left-padded), salt", () => {
    const value = keccak256(toHex("commitment"));
    const party: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const salt = keccak256(toHex("salt"));
    const words: Hex = concat([value, pad(party.toLowerCase() as Hex, { size: 32 }), salt]);
    assert.equal(commitRevealSeal(value, party, salt), keccak256(words));
    assert.notEqual(commitRevealSeal(value, party, salt), commitRevealSeal(salt, party, value));
  });
});

describe("model manifest hash", () => {
  const manifest = {
    format: "infergrid.model-manifest.v1",
    name: "tiny",
    files: [
      { path: "tokenizer.json", sha256: "b".repeat(64), size: 20 },
      { path: "config.json", sha256: "a".repeat(64), size: 10 },
    ],
  };

  it("hashes the canonical JSON: keys in order, files sorted by path, no whitespace", () => {
    const canonical =
      '{"format":"infergrid.model-manifest.v1","name":"tiny","files":[' +
      `{"path":"config.json","sha256":"${"a".repeat(64)}","size":10},` +
      `{"path":"tokenizer.json","sha256":"${"b".repeat(64)}","size":20}]}`;
    assert.deepEqual(canonicalManifestBytes(manifest), stringToBytes(canonical));
    assert.equal(manifestHash(manifest), keccak256(stringToBytes(canonical)));
  });

  it("ignores key order and extra fields of file entries, not their content", () => {
    const reordered = {
      files: [...manifest.files].reverse().map((f) => ({ size: f.size, sha256: f.sha256, path: f.path, note: "x" })),
      name: "tiny",
      format: manifest.format,
    };
    assert.equal(manifestHash(reordered), manifestHash(manifest));
    const changed = { ...manifest, files: [{ ...manifest.files[0]!, size: 21 }, manifest.files[1]!] };
    assert.notEqual(manifestHash(changed), manifestHash(manifest));
  });
});

describe("sampling defaults", () => {
  it("fills greedy defaults and caps maxTokens at the job's maxOutputTokens", () => {
    assert.deepEqual(resolveSampling({ maxTokens: 64 }, 16), {
      maxTokens: 16,
      temperature: 0,
      topP: 1,
      topK: 0,
      stop: [],
    });
    assert.deepEqual(SAMPLING_DEFAULTS, { temperature: 0, topP: 1, topK: 0, stop: [] });
    const given = { maxTokens: 8, temperature: 0.7, topP: 0.9, topK: 40, stop: ["\n"] };
    assert.deepEqual(resolveSampling(given, 100), given);
    assert.equal(resolveSampling(given).maxTokens, 8);
  });
});
