import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { computeCommitment } from "@infergrid/sdk/commitment";
import { ZodError } from "zod";
import {
  availableProviders,
  ContextOverflowError,
  GenerationAbortedError,
  loadModel,
  ProviderUnavailableError,
  type Model,
  type TokenEvent,
} from "../src/index.ts";
import { jobIdOf, TINY_MODEL_DIR } from "./helpers/paths.ts";

describe("generate", () => {
  let model: Model;
  before(async () => {
    model = await loadModel(TINY_MODEL_DIR);
  });
  after(async () => {
    await model.close();
  });

  it("counts input and output tokens exactly and commits to the result", async () => {
    const prompt = { messages: [{ role: "user", content: "How are you?" }] };
    const r = await model.generate({ jobId: jobIdOf(1), prompt, maxTokens: 20 });
    assert.equal(r.inputTokens, model.tokenizer.promptIds(prompt).length);
    assert.deepEqual(r.inputIds, model.tokenizer.promptIds(prompt));
    assert.equal(r.outputTokens, r.outputIds.length);
    assert.equal(r.outputTokens, 20);
    assert.equal(r.finishReason, "length");
    assert.equal(r.fingerprint.ids.length, 20 * 4);
    assert.equal(r.fingerprint.q.length, 20 * 4);
    for (let i = 0; i < 20; i++) assert.equal(r.fingerprint.ids[i * 4], r.outputIds[i]); // greedy: the top-1
    assert.equal(
      r.commitment,
      computeCommitment({
        jobId: r.jobId,
        modelHash: model.modelHash,
        outputTokenIds: r.outputIds,
        fingerprint: r.fingerprintHash,
      }),
    );
    assert.equal(r.text, model.tokenizer.decode(r.outputIds));
  });

  it("streams every token once, and the deltas add up to the text", async () => {
    const events: TokenEvent[] = [];
    const r = await model.generate({
      jobId: jobIdOf(2),
      prompt: "The worker",
      maxTokens: 40,
      temperature: 1,
      onToken: (e) => {
        events.push(e);
      },
    });
    assert.deepEqual(
      events.map((e) => e.id),
      r.outputIds,
    );
    assert.deepEqual(
      events.map((e) => e.index),
      r.outputIds.map((_, i) => i),
    );
    assert.equal(events.map((e) => e.text).join(""), r.text);
  });

  it("releases held-back text on the last token when a possible stop prefix never completes", async () => {
    const free = await model.generate({ jobId: jobIdOf(6), prompt: "The worker", maxTokens: 30, temperature: 1 });
    // a stop string that starts with the text's last character but never occurs
    const stop = `${free.text.at(-1)}\u0001never`;
    const events: TokenEvent[] = [];
    const r = await model.generate({
      jobId: jobIdOf(6),
      prompt: "The worker",
      maxTokens: 30,
      temperature: 1,
      stop: [stop],
      onToken: (e) => {
        events.push(e);
      },
    });
    assert.equal(r.finishReason, "length");
    assert.equal(r.text, free.text);
    assert.equal(events.length, 30);
    assert.equal(events.map((e) => e.text).join(""), r.text);
  });

  it("stops at a stop sequence: billed tokens include it, text ends before it, streamed text never shows it", async () => {
    const free = await model.generate({ jobId: jobIdOf(3), prompt: "The worker", maxTokens: 40, temperature: 1 });
    // pick a stop string that occurs in the free-running text, past its first few characters
    const stop = free.text.slice(12, 15);
    assert.equal(stop.length, 3);
    const events: TokenEvent[] = [];
    const r = await model.generate({
      jobId: jobIdOf(3),
      prompt: "The worker",
      maxTokens: 40,
      temperature: 1,
      stop: [stop],
      onToken: (e) => {
        events.push(e);
      },
    });
    assert.equal(r.finishReason, "stop");
    assert.ok(r.outputTokens < free.outputTokens);
    assert.deepEqual(r.outputIds, free.outputIds.slice(0, r.outputTokens));
    assert.equal(r.text, free.text.slice(0, free.text.indexOf(stop)));
    assert.equal(events.map((e) => e.text).join(""), r.text);
    assert.deepEqual(
      await model.verify("The worker", r.outputIds, r.fingerprint, {
        jobId: r.jobId,
        maxTokens: 40,
        temperature: 1,
        stop: [stop],
      }),
      { accepted: true },
    );
  });

  it("stops at an end-of-sequence token, which is billed but not part of the text", async () => {
    // Greedy continuation after '<|im_end|>'-heavy prompts is not guaranteed to hit EOS, so
    // find a job that does by sampling at a high temperature (deterministic per job id).
    let found = false;
    for (let i = 0; i < 200 && !found; i++) {
      const r = await model.generate({
        jobId: jobIdOf(5000 + i),
        prompt: "<|im_end|>\n<|im_start|>",
        maxTokens: 24,
        temperature: 4,
      });
      if (r.finishReason !== "eos") continue;
      found = true;
      assert.ok(model.eosTokenIds.has(r.outputIds.at(-1)!));
      assert.equal(r.text, model.tokenizer.decode(r.outputIds.slice(0, -1)));
      assert.deepEqual(
        await model.verify("<|im_end|>\n<|im_start|>", r.outputIds, r.fingerprint, {
          jobId: r.jobId,
          maxTokens: 24,
          temperature: 4,
        }),
        { accepted: true },
      );
    }
    assert.ok(found, "no job ended with an end-of-sequence token");
  });

  it("cancels through an AbortSignal", async () => {
    const controller = new AbortController();
    let seen = 0;
    await assert.rejects(
      model.generate({
        jobId: jobIdOf(4),
        prompt: "The worker",
        maxTokens: 200,
        onToken: () => {
          if (++seen === 5) controller.abort();
        },
        signal: controller.signal,
      }),
      (e: unknown) => e instanceof GenerationAbortedError && e.outputTokens === 5,
    );
    await assert.rejects(
      model.generate({ jobId: jobIdOf(4), prompt: "x", maxTokens: 5, signal: AbortSignal.abort() }),
      GenerationAbortedError,
    );
  });

  it("refuses a job that does not fit the context, and malformed requests", async () => {
    await assert.rejects(model.generate({ jobId: jobIdOf(5), prompt: "x", maxTokens: 5000 }), ContextOverflowError);
    await assert.rejects(model.generate({ jobId: "0x1234", prompt: "x", maxTokens: 5 } as never), ZodError);
    await assert.rejects(model.generate({ jobId: jobIdOf(5), prompt: "x", maxTokens: 0 }), ZodError);
    await assert.rejects(model.generate({ jobId: jobIdOf(5), prompt: "x", maxTokens: 5, topP: 0 }), ZodError);
  });
});

describe("execution providers and settings", () => {
  it("runs on cpu, which is always available", () => {
    assert.ok(availableProviders().includes("cpu"));
  });

  // One test for both kinds of host, no skip: where onnxruntime-node has its CUDA provider
  // (ONNXRUNTIME_NODE_INSTALL=cuda12 on a CUDA 12 host) the model must load and run on it, and
  // its result must pass verification on the CPU (the cross-hardware case the tolerance is
  // for); everywhere else asking for cuda must fail with ProviderUnavailableError.
  it("runs on cuda where onnxruntime-node has it, and refuses it with ProviderUnavailableError elsewhere", async () => {
    if (availableProviders().includes("cuda")) {
      const gpu = await loadModel(TINY_MODEL_DIR, { provider: "cuda" });
      assert.equal(gpu.options.provider, "cuda");
      const prompt = { messages: [{ role: "user", content: "Tell me about the network." }] };
      const r = await gpu.generate({ jobId: jobIdOf(31), prompt, maxTokens: 32, temperature: 0.7, topP: 0.95 });
      assert.equal(r.outputTokens, r.outputIds.length);
      await gpu.close();
      const cpu = await loadModel(TINY_MODEL_DIR, { provider: "cpu" });
      assert.deepEqual(
        await cpu.verify(prompt, r.outputIds, r.fingerprint, {
          jobId: r.jobId,
          maxTokens: 32,
          temperature: 0.7,
          topP: 0.95,
          commitment: r.commitment,
        }),
        { accepted: true },
      );
      await cpu.close();
      return;
    }
    await assert.rejects(loadModel(TINY_MODEL_DIR, { provider: "cuda" }), (e: unknown) => {
      assert.ok(e instanceof ProviderUnavailableError);
      assert.equal(e.provider, "cuda");
      assert.deepEqual(e.available, availableProviders());
      return true;
    });
  });

  it("validates options at the edge", async () => {
    await assert.rejects(loadModel(TINY_MODEL_DIR, { provider: "tpu" } as never), ZodError);
    await assert.rejects(loadModel(TINY_MODEL_DIR, { intraOpNumThreads: 0 }), ZodError);
    await assert.rejects(loadModel(TINY_MODEL_DIR, { threads: 2 } as never), ZodError);
    const m = await loadModel(TINY_MODEL_DIR, {
      intraOpNumThreads: 2,
      interOpNumThreads: 2,
      graphOptimizationLevel: "basic",
    });
    assert.equal(m.options.intraOpNumThreads, 2);
    assert.equal(m.options.graphOptimizationLevel, "basic");
    await m.close();
  });
});
