export * from "./generated/abis.ts";
export * from "./addresses.ts";
