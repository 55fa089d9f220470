// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IZkModelVerifier} from "../interfaces/IZkModelVerifier.sol";

/// @notice The verifier snarkjs generates for a circuit with four public signals.
interface IGroth16Verifier4 {
    /// @notice Whether the proof (A, B, C) holds for the public signals.
    function verifyProof(
        uint256[2] calldata pA,
        uint256[2][2] calldata pB,
        uint256[2] calldata pC,
        uint256[4] calldata pubSignals
    ) external view returns (bool);
}

/// @title ZkModelVerifier
/// @notice Adapter from the market's question (job, model, input commitment, output) to the
/// public signals of a generated Groth16 verifier: [jobId, modelHash, inputCommitment, output],
/// where modelHash is the upper 248 bits of the manifest hash (so it fits the BN254 field).
/// One adapter per circuit; the timelock registers it with ModelRegistry.setZkVerifier.
contract ZkModelVerifier is IZkModelVerifier {
    /// @notice The snarkjs-generated verifier of the circuit.
    IGroth16Verifier4 public immutable groth16;
    /// @notice How many outputs (classes) the model has; an output outside them never verifies.
    uint256 public immutable outputCount;

    /// @param groth16_ The generated verifier (for example IrisGroth16Verifier).
    /// @param outputCount_ The number of classes.
    constructor(IGroth16Verifier4 groth16_, uint256 outputCount_) {
        groth16 = groth16_;
        outputCount = outputCount_;
    }

    /// @inheritdoc IZkModelVerifier
    function verify(
        uint256 jobId,
        bytes32 manifestHash,
        bytes32 inputCommitment,
        uint256 output,
        uint256[8] calldata proof
    ) external view returns (bool) {
        if (output >= outputCount) return false;
        // Signals at or above the field order make the generated verifier return false.
        uint256[4] memory signals = [jobId, uint256(manifestHash) >> 8, uint256(inputCommitment), output];
        return groth16.verifyProof(
            [proof[0], proof[1]], [[proof[2], proof[3]], [proof[4], proof[5]]], [proof[6], proof[7]], signals
        );
    }
}
