// The contracts' typed ABIs, generated in @infergrid/contracts (never edited), re-exported for apps.
export * from "@infergrid/contracts/abis";
