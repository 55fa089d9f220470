// Runs one job in a fresh process and prints its result, so the determinism test can compare
// separate processes (and thread counts) bit for bit.
import { loadModel } from "../../src/index.ts";
import { TINY_MODEL_DIR } from "./paths.ts";

const [threads, jobId, temperature] = process.argv.slice(2);
const model = await loadModel(TINY_MODEL_DIR, { intraOpNumThreads: Number(threads) });
const result = await model.generate({
  jobId: jobId as `0x${string}`,
  prompt: { messages: [{ role: "user", content: "Tell me about the network." }] },
  maxTokens: 48,
  temperature: Number(temperature),
  topP: 0.95,
});
process.stdout.write(
  JSON.stringify({
    outputIds: result.outputIds,
    fingerprintHash: result.fingerprintHash,
    commitment: result.commitment,
  }),
);
await model.close();
