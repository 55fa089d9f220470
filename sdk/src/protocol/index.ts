// The protocol's facts, defined once: the contracts' enums by name, the fee formulas, the
// commit-reveal seal, the model manifest hash, the sampling defaults, ProtocolConfig's
// parameters, and the off-chain messages between posters, workers and validators.
export * from "./fees.ts";
export * from "./manifest.ts";
export * from "./messages.ts";
export * from "./params.ts";
export * from "./sampling.ts";
export * from "./seal.ts";
export * from "./status.ts";
