import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

/** One row of a benchmark result, in the format of BENCH.md. */
export type Metric = { metric: string; value: number; unit: string; goal?: `<= ${number}` | `>= ${number}` };

const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));

export function meetsGoal(m: Metric): boolean | undefined {
  if (!m.goal) return undefined;
  const [op, n] = m.goal.split(" ");
  return op === "<=" ? m.value <= Number(n) : m.value >= Number(n);
}

/** Prints the table for people and writes bench/results/<name>.json for programs. */
export function report(name: string, metrics: Metric[]): void {
  const w = Math.max(...metrics.map((m) => m.metric.length));
  console.log(`\n${name}`);
  console.log(`${"metric".padEnd(w)}  ${"value".padStart(14)}  unit    goal        met`);
  for (const m of metrics) {
    const met = meetsGoal(m);
    console.log(
      `${m.metric.padEnd(w)}  ${m.value.toLocaleString("en-US").padStart(14)}  ${m.unit.padEnd(6)}  ${(m.goal ?? "").padEnd(10)}  ${met === undefined ? "" : met ? "yes" : "NO"}`,
    );
  }
  mkdirSync(resultsDir, { recursive: true });
  const out = {
    name,
    when: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    machine: `${cpus().length} cores, node ${process.version}`,
    metrics,
  };
  writeFileSync(`${resultsDir}${name}.json`, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote bench/results/${name}.json`);
}
