import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The daemon's Prometheus metrics, on a registry of its own (several daemons may share a process in tests). */
export function createMetrics(role: "worker" | "validator") {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    jobs: new Counter({
      name: "infergrid_jobs_total",
      help: "Jobs by outcome",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    tokens: new Counter({
      name: "infergrid_tokens_total",
      help: "Tokens processed",
      labelNames: ["kind"],
      registers: [registry],
    }),
    engineLatency: new Histogram({
      name: "infergrid_engine_seconds",
      help: "Time the engine took per job (generation or verification)",
      buckets,
      registers: [registry],
    }),
    endToEndLatency: new Histogram({
      name: "infergrid_job_end_to_end_seconds",
      help: "From the JobPosted block's timestamp to the result transaction being mined",
      buckets,
      registers: [registry],
    }),
    chainLag: new Gauge({
      name: "infergrid_chain_lag_blocks",
      help: "Chain head minus the last processed block",
      registers: [registry],
    }),
    votes: new Counter({
      name: "infergrid_votes_total",
      help: "Validator votes by phase",
      labelNames: ["phase"],
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
