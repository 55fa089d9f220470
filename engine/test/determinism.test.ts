import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { loadModel, type GenerateRequest, type Model } from "../src/index.ts";
import { jobIdOf, TINY_MODEL_DIR } from "./helpers/paths.ts";

const run = promisify(execFile);

type JobOutput = { outputIds: number[]; fingerprintHash: string; commitment: string };

async function inChild(threads: number, jobId: string, temperature: number): Promise<JobOutput> {
  const { stdout } = await run(process.execPath, [
    join(import.meta.dirname, "helpers", "run-job.ts"),
    String(threads),
    jobId,
    String(temperature),
  ]);
  return JSON.parse(stdout) as JobOutput;
}

describe("determinism", () => {
  let one: Model;
  let two: Model;
  before(async () => {
    one = await loadModel(TINY_MODEL_DIR, { intraOpNumThreads: 1 });
    two = await loadModel(TINY_MODEL_DIR, { intraOpNumThreads: 2 });
  });
  after(async () => {
    await one.close();
    await two.close();
  });

  const request = (jobId: `0x${string}`, temperature: number): GenerateRequest => ({
    jobId,
    prompt: { messages: [{ role: "user", content: "Tell me about the network." }] },
    maxTokens: 48,
    temperature,
    topP: 0.95,
  });

  for (const temperature of [0, 1]) {
    const label = temperature === 0 ? "greedy" : "seeded sampling";
    it(`${label}: same ids, fingerprint and commitment twice in one process, with 1 and 2 threads`, async () => {
      const a = await one.generate(request(jobIdOf(7), temperature));
      const b = await one.generate(request(jobIdOf(7), temperature));
      const c = await two.generate(request(jobIdOf(7), temperature));
      assert.equal(a.outputIds.length, 48);
      for (const other of [b, c]) {
        assert.deepEqual(other.outputIds, a.outputIds);
        assert.deepEqual(other.fingerprint, a.fingerprint);
        assert.equal(other.fingerprintHash, a.fingerprintHash);
        assert.equal(other.commitment, a.commitment);
      }
    });

    it(`${label}: same result in two separate processes with 1 and 2 threads`, async () => {
      const local = await one.generate(request(jobIdOf(7), temperature));
      const [p1, p2] = await Promise.all([inChild(1, jobIdOf(7), temperature), inChild(2, jobIdOf(7), temperature)]);
      for (const p of [p1, p2]) {
        assert.deepEqual(p.outputIds, local.outputIds);
        assert.equal(p.fingerprintHash, local.fingerprintHash);
        assert.equal(p.commitment, local.commitment);
      }
    });
  }

  it("derives the sampling stream from the job id: another job id samples another output", async () => {
    const a = await one.generate(request(jobIdOf(7), 1));
    const b = await one.generate(request(jobIdOf(8), 1));
    assert.notDeepEqual(a.outputIds, b.outputIds);
    const greedyA = await one.generate(request(jobIdOf(7), 0));
    const greedyB = await one.generate(request(jobIdOf(8), 0));
    assert.deepEqual(greedyA.outputIds, greedyB.outputIds);
    assert.notEqual(greedyA.commitment, greedyB.commitment);
  });
});
