import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { releaseProver, proofCalldata, verifyIris } from "@infergrid/circuits/prove";
import { modelHashField, zkJobInput } from "@infergrid/circuits/commitment";
import { isZkModelDir, loadZkModel, parseZkJobInput, runZkJob } from "../src/zk/model.ts";

const IRIS = fileURLToPath(new URL("../../models/iris-mlp/", import.meta.url));
const GPT = fileURLToPath(new URL("../../models/tiny-gpt2/", import.meta.url));

describe("zk models on the worker", () => {
  after(releaseProver);

  it("detects zk model folders by their config", async () => {
    assert.equal(await isZkModelDir(IRIS), true);
    assert.equal(await isZkModelDir(GPT), false);
  });

  it("checks the commitment, classifies and proves for the job", async () => {
    const model = await loadZkModel(IRIS);
    const { payload, inputHash } = await zkJobInput([6.3, 3.3, 6.0, 2.5], 42n);
    const input = parseZkJobInput(new TextEncoder().encode(JSON.stringify(payload)));
    const r = await runZkJob(model, 9n, inputHash, input);
    assert.equal(r.label, "virginica");
    assert.equal(r.output, 2);
    assert.equal(r.proof.length, 8);
    assert.equal(r.inputTokens, 4);
    // The proof verifies off chain, for exactly this job, model, commitment and output.
    assert.deepEqual(r.snark.publicSignals, [
      "9",
      modelHashField(model.modelHash).toString(),
      BigInt(inputHash).toString(),
      "2",
    ]);
    assert.equal(await verifyIris(r.snark.proof, r.snark.publicSignals), true);
    assert.deepEqual(proofCalldata(r.snark.proof), [...r.proof]);
  });

  it("refuses an input that does not open the job's commitment", async () => {
    const model = await loadZkModel(IRIS);
    const { inputHash } = await zkJobInput([5.1, 3.5, 1.4, 0.2], 1n);
    const { payload } = await zkJobInput([6.3, 3.3, 6.0, 2.5], 1n);
    await assert.rejects(runZkJob(model, 1n, inputHash, payload), /does not open the job's commitment/);
    assert.throws(() =>
      parseZkJobInput(new TextEncoder().encode('{"kind":"zk-features","features":[1,2],"salt":"1"}')),
    );
  });
});
