// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IZkModelVerifier
/// @notice Checks a zero-knowledge proof that `output` is a model's output on a committed input,
/// for one job. The market calls it through ModelRegistry.zkVerifierOf(modelId).
interface IZkModelVerifier {
    /// @notice Whether `proof` holds for exactly this job, model, input commitment and output.
    /// @param jobId The job the proof was made for (a public input: a proof never fits another job).
    /// @param manifestHash The model's registered manifest hash; its upper 248 bits are the
    /// circuit's public model hash.
    /// @param inputCommitment The job's inputHash: Poseidon(quantized input..., salt).
    /// @param output The claimed output (a class index).
    /// @param proof Groth16 proof [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y].
    function verify(
        uint256 jobId,
        bytes32 manifestHash,
        bytes32 inputCommitment,
        uint256 output,
        uint256[8] calldata proof
    ) external view returns (bool);
}
