import { encodeAbiParameters, keccak256, parseAbiParameters, type Address, type Hex } from "viem";

/** The ABI types a commit-reveal seal hashes: the hidden value, the party that committed it, a salt. */
export const sealAbiParameters = parseAbiParameters("bytes32 value, address party, bytes32 salt");

/**
 * The seal of a commit-reveal step: keccak256(abi.encode(value, party, salt)). A worker of an
 * R > 1 job commits the seal of its result commitment (JobMarket.commitResult, opened by
 * revealResult); a drawn validator commits the seal of its verdict (VerificationCourt.commitVote,
 * opened by revealVote). The party's address is inside, so a seal copied from another party
 * never opens.
 * @example commitRevealSeal(commitment, worker.address, salt) // the bytes32 for commitResult(jobId, seal)
 */
export function commitRevealSeal(value: Hex, party: Address, salt: Hex): Hex {
  return keccak256(encodeAbiParameters(sealAbiParameters, [value, party, salt]));
}
