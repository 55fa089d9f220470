import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex, zeroAddress, zeroHash } from "viem";

const role = (name: string) => keccak256(toHex(name));
const GRID = 10n ** 18n;

/**
 * The whole protocol core: token, timelock + governor, ProtocolConfig, registries and market,
 * wired so that the timelock owns every parameter and holds the treasury, and the deployer
 * keeps no privilege once the module has run.
 */
export default buildModule("InferGrid", (m) => {
  const deployer = m.getAccount(0);

  const supply = m.getParameter("supply", 1_000_000_000n * GRID);
  const treasuryFunding = m.getParameter("treasuryFunding", 100_000_000n * GRID);
  const timelockDelay = m.getParameter("timelockDelay", 2n * 24n * 3600n);
  const votingDelay = m.getParameter("votingDelay", 1n);
  const votingPeriod = m.getParameter("votingPeriod", 50_400n);
  const proposalThreshold = m.getParameter("proposalThreshold", 100_000n * GRID);
  const quorumPercent = m.getParameter("quorumPercent", 4n);

  const params = {
    minWorkerStake: m.getParameter("minWorkerStake", 1_000n * GRID),
    unbondingPeriod: m.getParameter("unbondingPeriod", 7n * 24n * 3600n),
    jobTimeout: m.getParameter("jobTimeout", 24n * 3600n),
    challengeWindow: m.getParameter("challengeWindow", 3600n),
    declineWindow: m.getParameter("declineWindow", 120n),
    revealWindow: m.getParameter("revealWindow", 600n),
    maxRedundancy: m.getParameter("maxRedundancy", 5n),
    slashMissedBps: m.getParameter("slashMissedBps", 500n),
    slashFraudBps: m.getParameter("slashFraudBps", 5_000n),
    eloK: m.getParameter("eloK", 32n),
    auditRateBps: m.getParameter("auditRateBps", 100n),
    workerShareBps: m.getParameter("workerShareBps", 7_000n),
    creatorShareBps: m.getParameter("creatorShareBps", 2_000n),
    treasuryShareBps: m.getParameter("treasuryShareBps", 1_000n),
  };
  const verificationParams = {
    minValidatorStake: m.getParameter("minValidatorStake", 1_000n * GRID),
    challengeBond: m.getParameter("challengeBond", 100n * GRID),
    voteCommitWindow: m.getParameter("voteCommitWindow", 600n),
    voteRevealWindow: m.getParameter("voteRevealWindow", 600n),
    validatorsPerAudit: m.getParameter("validatorsPerAudit", 1n),
    validatorsPerDispute: m.getParameter("validatorsPerDispute", 3n),
    validatorSlashBps: m.getParameter("validatorSlashBps", 1_000n),
    auditFeeBps: m.getParameter("auditFeeBps", 500n),
    slashRewardBps: m.getParameter("slashRewardBps", 5_000n),
    challengerRewardBps: m.getParameter("challengerRewardBps", 2_000n),
  };

  const token = m.contract("GridToken", [deployer, supply]);
  // address(0) as executor: anyone may execute a passed, queued proposal.
  const timelock = m.contract("GridTimelock", [timelockDelay, [], [zeroAddress], deployer]);
  const governor = m.contract("GridGovernor", [
    token,
    timelock,
    votingDelay,
    votingPeriod,
    proposalThreshold,
    quorumPercent,
  ]);
  const grantProposer = m.call(timelock, "grantRole", [role("PROPOSER_ROLE"), governor], { id: "grantProposer" });
  const grantCanceller = m.call(timelock, "grantRole", [role("CANCELLER_ROLE"), governor], {
    id: "grantCanceller",
  });
  m.call(timelock, "renounceRole", [zeroHash, deployer], {
    id: "renounceTimelockAdmin",
    after: [grantProposer, grantCanceller],
  });

  // The deployer owns the config only until it has wired the verifier and randomness source.
  const config = m.contract("ProtocolConfig", [deployer, timelock, params, verificationParams]);
  const modelRegistry = m.contract("ModelRegistry", [timelock]);
  const workerRegistry = m.contract("WorkerRegistry", [token, config, modelRegistry, deployer]);
  const jobMarket = m.contract("JobMarket", [token, config, modelRegistry, workerRegistry]);

  const grantMarket = m.call(workerRegistry, "grantRole", [role("MARKET_ROLE"), jobMarket], { id: "grantMarket" });
  const grantSlasher = m.call(workerRegistry, "grantRole", [role("SLASHER_ROLE"), jobMarket], {
    id: "grantSlasher",
  });
  const grantAdmin = m.call(workerRegistry, "grantRole", [zeroHash, timelock], { id: "grantRegistryAdmin" });
  m.call(workerRegistry, "renounceRole", [zeroHash, deployer], {
    id: "renounceRegistryAdmin",
    after: [grantMarket, grantSlasher, grantAdmin],
  });

  const validatorRegistry = m.contract("ValidatorRegistry", [token, config, deployer]);
  const randomness = m.contract("BlockhashRandomness");
  const court = m.contract("VerificationCourt", [jobMarket, validatorRegistry, config]);
  const grantCourt = m.call(validatorRegistry, "grantRole", [role("COURT_ROLE"), court], { id: "grantCourt" });
  const grantCourtSlasher = m.call(validatorRegistry, "grantRole", [role("SLASHER_ROLE"), court], {
    id: "grantCourtSlasher",
  });
  const grantValidatorAdmin = m.call(validatorRegistry, "grantRole", [zeroHash, timelock], {
    id: "grantValidatorRegistryAdmin",
  });
  m.call(validatorRegistry, "renounceRole", [zeroHash, deployer], {
    id: "renounceValidatorRegistryAdmin",
    after: [grantCourt, grantCourtSlasher, grantValidatorAdmin],
  });
  const setVerifier = m.call(config, "setVerifier", [court]);
  const setRandomness = m.call(config, "setRandomness", [randomness]);
  m.call(config, "transferOwnership", [timelock], { after: [setVerifier, setRandomness] });

  m.call(token, "transfer", [timelock, treasuryFunding], { id: "fundTreasury" });

  return {
    token,
    timelock,
    governor,
    config,
    modelRegistry,
    workerRegistry,
    jobMarket,
    validatorRegistry,
    randomness,
    court,
  };
});
