export * from "./generated/abis.ts";
export * from "./addresses.ts";
export * from "./commitment.ts";
export * from "./crypto.ts";
export * from "./protocol.ts";
