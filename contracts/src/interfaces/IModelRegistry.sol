// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IModelRegistry
/// @notice Models that workers serve, each identified by the hash of its file manifest.
interface IModelRegistry {
    /// @notice The on-chain record of a model; name, URI and format live in `metadata`.
    struct Model {
        address creator; // receives the creator share of every job on this model
        bool active; // the timelock can deactivate a model; inactive models take no new jobs
        uint64 registeredAt;
        bytes32 manifestHash; // hash of the manifest listing the sha256 of every model file
    }

    /// @notice The manifest hash is already registered under another id.
    error ManifestAlreadyRegistered(bytes32 manifestHash, uint256 modelId);
    /// @notice No model has this id.
    error UnknownModel(uint256 modelId);
    /// @notice Only the model's creator may do this.
    error NotModelCreator(uint256 modelId, address caller);
    /// @notice A required text field is empty.
    error EmptyField(string field);
    /// @notice A text field is longer than allowed.
    error FieldTooLong(string field, uint256 length, uint256 maxLength);
    /// @notice The zero manifest hash cannot identify a model.
    error ZeroManifestHash();
    /// @notice The zero address where an account is required.
    error ZeroAddress();

    /// @notice A model was registered.
    event ModelRegistered(
        uint256 indexed modelId,
        address indexed creator,
        bytes32 indexed manifestHash,
        string name,
        string uri,
        string format
    );
    /// @notice A model's URI changed.
    event ModelURIUpdated(uint256 indexed modelId, string uri);
    /// @notice A model's creator changed.
    event ModelCreatorTransferred(uint256 indexed modelId, address indexed previousCreator, address indexed newCreator);
    /// @notice The timelock activated or deactivated a model.
    event ModelActiveSet(uint256 indexed modelId, bool active);
    /// @notice The timelock set (or, with the zero address, removed) a model's zk verifier.
    event ZkVerifierSet(uint256 indexed modelId, address indexed verifier);

    /// @notice Registers a model; the caller becomes its creator.
    /// @param name Human-readable name, 1..64 bytes.
    /// @param manifestHash Hash of the model's manifest (weights + tokenizer); registrable once.
    /// @param uri Where the files can be fetched, up to 256 bytes.
    /// @param format Task and format, for example "text-generation/onnx", 1..32 bytes.
    /// @return modelId The new model's id, starting at 1.
    function register(string calldata name, bytes32 manifestHash, string calldata uri, string calldata format)
        external
        returns (uint256 modelId);

    /// @notice Changes a model's URI. Only its creator.
    function setURI(uint256 modelId, string calldata uri) external;

    /// @notice Hands the model (and its future royalties) to another account. Only its creator.
    function transferCreator(uint256 modelId, address newCreator) external;

    /// @notice Activates or deactivates a model. Only the owner (the timelock).
    function setActive(uint256 modelId, bool active) external;

    /// @notice Marks a model as zk-verifiable: `verifier` (an IZkModelVerifier) checks proofs of
    /// its outputs; the zero address removes it. Only the owner (the timelock).
    function setZkVerifier(uint256 modelId, address verifier) external;

    /// @notice The model's zk verifier (an IZkModelVerifier), or the zero address.
    function zkVerifierOf(uint256 modelId) external view returns (address);

    /// @notice The zk verifier and the manifest hash in one read, for the market.
    function zkInfo(uint256 modelId) external view returns (address verifier, bytes32 manifestHash);

    /// @notice The on-chain record of a model.
    function model(uint256 modelId) external view returns (Model memory);

    /// @notice The creator and active flag in one read, for the market.
    function modelInfo(uint256 modelId) external view returns (address creator, bool active);

    /// @notice A model's name, URI and format.
    function metadata(uint256 modelId)
        external
        view
        returns (string memory name, string memory uri, string memory format);

    /// @notice The id a manifest hash is registered under, or 0.
    function modelIdByManifest(bytes32 manifestHash) external view returns (uint256);

    /// @notice How many models were registered; ids run from 1 to this.
    function modelCount() external view returns (uint256);
}
