import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hashFingerprint, type FingerprintData } from "@infergrid/sdk/commitment";
import { generateTestModel } from "../scripts/gen-test-model.ts";
import {
  DEFAULT_TOLERANCE,
  loadModel,
  type GenerateResult,
  type Model,
  type Prompt,
  type Verdict,
  type VerifyParams,
} from "../src/index.ts";
import { jobIdOf, TINY_MODEL_DIR } from "./helpers/paths.ts";

const PROMPT: Prompt = { messages: [{ role: "user", content: "Hello world! How are you today?" }] };
const SAMPLING = { temperature: 1, topK: 40, topP: 0.95 };

function assertRejected(v: Verdict, reason?: string): asserts v is Extract<Verdict, { accepted: false }> {
  assert.equal(v.accepted, false, "expected a rejection");
  if (!v.accepted && reason !== undefined) assert.equal(v.reason, reason, v.detail);
}

const paramsOf = (r: GenerateResult, extra: Partial<VerifyParams> = {}): VerifyParams => ({
  jobId: r.jobId,
  maxTokens: 64,
  ...extra,
});

describe("verify: one teacher-forced pass", () => {
  let gen: Model; // generation: graph optimisation 'all'
  let ver: Model; // verification: graph optimisation 'disabled', other thread count
  let other: Model; // same shape and tokenizer, weights from another seed
  let otherDir: string;
  let greedy: GenerateResult;
  let sampled: GenerateResult;

  before(async () => {
    otherDir = await mkdtemp(join(tmpdir(), "infergrid-other-"));
    await generateTestModel({ outDir: otherDir, seed: 2, name: "tiny-gpt2" });
    gen = await loadModel(TINY_MODEL_DIR, { graphOptimizationLevel: "all", intraOpNumThreads: 1 });
    ver = await loadModel(TINY_MODEL_DIR, { graphOptimizationLevel: "disabled", intraOpNumThreads: 2 });
    other = await loadModel(otherDir);
    greedy = await gen.generate({ jobId: jobIdOf(1), prompt: PROMPT, maxTokens: 64 });
    sampled = await gen.generate({ jobId: jobIdOf(2), prompt: PROMPT, maxTokens: 64, ...SAMPLING });
  });
  after(async () => {
    await Promise.all([gen.close(), ver.close(), other.close()]);
    await rm(otherDir, { recursive: true, force: true });
  });

  it("accepts honest greedy and sampled output, and checks hash and commitment", async () => {
    assert.deepEqual(
      await ver.verify(
        PROMPT,
        greedy.outputIds,
        greedy.fingerprint,
        paramsOf(greedy, { commitment: greedy.commitment, fingerprintHash: greedy.fingerprintHash }),
      ),
      { accepted: true },
    );
    assert.deepEqual(
      await ver.verify(
        PROMPT,
        sampled.outputIds,
        sampled.fingerprint,
        paramsOf(sampled, { ...SAMPLING, commitment: sampled.commitment }),
      ),
      { accepted: true },
    );
    // The verifier can also start from the input ids the worker published.
    assert.deepEqual(
      await ver.verify({ ids: greedy.inputIds }, greedy.outputIds, greedy.fingerprint, paramsOf(greedy)),
      { accepted: true },
    );
  });

  it("(a) rejects output of other weights", async () => {
    const forged = await other.generate({ jobId: jobIdOf(1), prompt: PROMPT, maxTokens: 64 });
    assert.notDeepEqual(forged.outputIds, greedy.outputIds);
    const v = await ver.verify(PROMPT, forged.outputIds, forged.fingerprint, paramsOf(forged));
    assertRejected(v, "fingerprint_mismatch");
    assert.equal(v.position, 0);
    // Even with the honest fingerprint attached, the forged ids break the decoding rule.
    const sampledForged = await other.generate({ jobId: jobIdOf(2), prompt: PROMPT, maxTokens: 64, ...SAMPLING });
    assertRejected(
      await ver.verify(PROMPT, sampledForged.outputIds, sampledForged.fingerprint, paramsOf(sampledForged, SAMPLING)),
    );
  });

  it("(b) rejects truncated output", async () => {
    const n = greedy.outputIds.length - 10;
    // Truncated ids and fingerprint alike: consistent data, but generation would not stop there.
    const cut: FingerprintData = {
      ...greedy.fingerprint,
      ids: greedy.fingerprint.ids.slice(0, n * 4),
      q: greedy.fingerprint.q.slice(0, n * 4),
    };
    const v = await ver.verify(PROMPT, greedy.outputIds.slice(0, n), cut, paramsOf(greedy));
    assertRejected(v, "not_terminated");
    assert.equal(v.position, n);
    assertRejected(
      await ver.verify(PROMPT, greedy.outputIds.slice(0, n), greedy.fingerprint, paramsOf(greedy)),
      "fingerprint_length",
    );
    // A shorter max_tokens claim does not help either: the commitment binds the full result.
    assertRejected(
      await ver.verify(
        PROMPT,
        greedy.outputIds.slice(0, n),
        cut,
        paramsOf(greedy, { maxTokens: n, commitment: greedy.commitment }),
      ),
      "commitment",
    );
  });

  it("(c) rejects one changed token, greedy and sampled", async () => {
    for (const [r, extra] of [
      [greedy, {}],
      [sampled, SAMPLING],
    ] as const) {
      for (const pos of [0, 17, r.outputIds.length - 1]) {
        const ids = [...r.outputIds];
        ids[pos] = r.fingerprint.ids.slice(pos * 4, pos * 4 + 4).find((id) => id !== ids[pos])!; // the most plausible substitute
        const v = await ver.verify(PROMPT, ids, r.fingerprint, paramsOf(r, extra));
        assertRejected(v);
        assert.equal(v.position, pos, `changed at ${pos}, rejected at ${v.position} (${v.reason})`);
      }
    }
  });

  it("(d) rejects the output of another prompt", async () => {
    const otherPrompt: Prompt = { messages: [{ role: "user", content: "Hello world! How are you tomorrow?" }] };
    const v = await ver.verify(otherPrompt, greedy.outputIds, greedy.fingerprint, paramsOf(greedy));
    assertRejected(v, "fingerprint_mismatch");
    assertRejected(await ver.verify(otherPrompt, sampled.outputIds, sampled.fingerprint, paramsOf(sampled, SAMPLING)));
  });

  it("(e) rejects random tokens, with the honest or a made-up fingerprint", async () => {
    let s = 12345;
    const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 509;
    const ids = greedy.outputIds.map(() => rand());
    assertRejected(await ver.verify(PROMPT, ids, greedy.fingerprint, paramsOf(greedy)), "decoding_rule");
    const madeUp: FingerprintData = {
      ...greedy.fingerprint,
      ids: ids.flatMap((id) => [id, (id + 1) % 509, (id + 2) % 509, (id + 3) % 509]),
      q: ids.flatMap(() => [8000, 7000, 6000, 5000]),
    };
    assertRejected(await ver.verify(PROMPT, ids, madeUp, paramsOf(greedy)), "fingerprint_mismatch");
  });

  it("(f) rejects output sampled with another seed (another job id)", async () => {
    const foreign = await gen.generate({ jobId: jobIdOf(3), prompt: PROMPT, maxTokens: 64, ...SAMPLING });
    assert.notDeepEqual(foreign.outputIds, sampled.outputIds);
    const v = await ver.verify(PROMPT, foreign.outputIds, foreign.fingerprint, paramsOf(sampled, SAMPLING));
    assertRejected(v, "decoding_rule");
    // and greedy output is no valid sample either, nor a sample valid greedy output
    assertRejected(
      await ver.verify(PROMPT, greedy.outputIds, greedy.fingerprint, paramsOf(sampled, SAMPLING)),
      "decoding_rule",
    );
    assertRejected(
      await ver.verify(PROMPT, sampled.outputIds, sampled.fingerprint, paramsOf(sampled)),
      "decoding_rule",
    );
  });

  it("rejects a fingerprint that does not hash to the committed value, and output past a stop", async () => {
    const tampered: FingerprintData = {
      ...greedy.fingerprint,
      q: greedy.fingerprint.q.map((q, e) => (Math.floor(e / 4) === 5 ? q + 1 : q)),
    };
    assert.notEqual(hashFingerprint(tampered), greedy.fingerprintHash);
    assertRejected(
      await ver.verify(
        PROMPT,
        greedy.outputIds,
        tampered,
        paramsOf(greedy, { fingerprintHash: greedy.fingerprintHash }),
      ),
      "fingerprint_hash",
    );
    // Off by one quantum is within tolerance: the hash, not the tolerance, binds the exact bytes.
    assert.deepEqual(await ver.verify(PROMPT, greedy.outputIds, tampered, paramsOf(greedy)), { accepted: true });

    const eos = [...gen.eosTokenIds][0]!;
    const ids = [...greedy.outputIds];
    ids[10] = eos;
    assertRejected(await ver.verify(PROMPT, ids, greedy.fingerprint, paramsOf(greedy)), "continued_after_stop");
  });

  it("accepts 240 honest results across prompts, seeds, decoding settings and optimisation levels", async () => {
    const words = [
      "worker",
      "token",
      "model",
      "chain",
      "stake",
      "story",
      "robot",
      "price",
      "sea",
      "stars",
      "library",
      "validator",
    ];
    const settings = [
      { temperature: 0, topK: 0, topP: 1 },
      { temperature: 1, topK: 0, topP: 1 },
      { temperature: 0.7, topK: 40, topP: 1 },
      { temperature: 1.3, topK: 0, topP: 0.9 },
      { temperature: 0.5, topK: 8, topP: 0.8 },
      { temperature: 2, topK: 3, topP: 1 },
    ];
    // Generation and verification swap optimisation levels (and thread counts) half of the time.
    const pairs: [Model, Model][] = [
      [gen, ver],
      [ver, gen],
    ];
    let accepted = 0;
    const tokensPerCase: number[] = [];
    for (let i = 0; i < 240; i++) {
      const prompt: Prompt =
        i % 3 === 0
          ? `${words[i % words.length]} ${words[(i * 7) % words.length]} ${i}`
          : {
              messages: [
                {
                  role: "user",
                  content: `Tell me about the ${words[i % words.length]} and the ${words[(i * 5 + 1) % words.length]}, case ${i}.`,
                },
              ],
            };
      const s = settings[i % settings.length]!;
      const [g, v] = pairs[Math.floor(i / settings.length) % 2]!;
      const maxTokens = 8 + (i % 5) * 6;
      const stop = i % 4 === 3 ? ["ut", "or"] : [];
      const r = await g.generate({ jobId: jobIdOf(1000 + i), prompt, maxTokens, stop, ...s });
      tokensPerCase.push(r.outputTokens);
      const verdict = await v.verify(prompt, r.outputIds, r.fingerprint, {
        jobId: r.jobId,
        maxTokens,
        stop,
        ...s,
        commitment: r.commitment,
      });
      assert.deepEqual(
        verdict,
        { accepted: true },
        `case ${i} (${JSON.stringify(s)}) falsely rejected: ${JSON.stringify(verdict)}`,
      );
      accepted++;
    }
    assert.equal(accepted, 240);
    assert.ok(tokensPerCase.reduce((a, b) => a + b, 0) > 2000);
  });

  it("gives the same verdicts when the teacher-forced pass is split into chunks", async () => {
    const chunked = await loadModel(TINY_MODEL_DIR, { verifyChunkSize: 7 });
    try {
      assert.deepEqual(
        await chunked.verify(PROMPT, sampled.outputIds, sampled.fingerprint, paramsOf(sampled, SAMPLING)),
        { accepted: true },
      );
      const ids = [...greedy.outputIds];
      ids[30] = greedy.fingerprint.ids[30 * 4 + 1]!;
      const v = await chunked.verify(PROMPT, ids, greedy.fingerprint, paramsOf(greedy));
      assertRejected(v);
      assert.equal(v.position, 30);
    } finally {
      await chunked.close();
    }
  });

  it("exposes the default tolerance it was designed with", () => {
    assert.equal(DEFAULT_TOLERANCE, 0.05);
  });
});
