// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";

/// @title ModelRegistry
/// @notice Models identified by their manifest hash. A manifest hash is registrable once, so
/// nobody earns royalties on someone else's upload by registering it again.
contract ModelRegistry is IModelRegistry, Ownable {
    uint256 private constant MAX_NAME = 64;
    uint256 private constant MAX_URI = 256;
    uint256 private constant MAX_FORMAT = 32;

    struct Metadata {
        string name;
        string uri;
        string format;
    }

    mapping(uint256 modelId => Model) private _models;
    mapping(uint256 modelId => Metadata) private _metadata;
    /// @inheritdoc IModelRegistry
    mapping(bytes32 manifestHash => uint256 modelId) public modelIdByManifest;
    /// @inheritdoc IModelRegistry
    uint256 public modelCount;
    /// @inheritdoc IModelRegistry
    mapping(uint256 modelId => address verifier) public zkVerifierOf;

    /// @param owner_ The timelock, which may deactivate models.
    constructor(address owner_) Ownable(owner_) {}

    modifier onlyCreator(uint256 modelId) {
        address creator = _models[modelId].creator;
        if (creator == address(0)) revert UnknownModel(modelId);
        if (creator != msg.sender) revert NotModelCreator(modelId, msg.sender);
        _;
    }

    /// @inheritdoc IModelRegistry
    function register(string calldata name, bytes32 manifestHash, string calldata uri, string calldata format)
        external
        returns (uint256 modelId)
    {
        if (manifestHash == bytes32(0)) revert ZeroManifestHash();
        uint256 existing = modelIdByManifest[manifestHash];
        if (existing != 0) revert ManifestAlreadyRegistered(manifestHash, existing);
        _checkLength("name", bytes(name).length, 1, MAX_NAME);
        _checkLength("uri", bytes(uri).length, 0, MAX_URI);
        _checkLength("format", bytes(format).length, 1, MAX_FORMAT);

        modelId = ++modelCount;
        modelIdByManifest[manifestHash] = modelId;
        _models[modelId] = Model({
            creator: msg.sender,
            active: true,
            registeredAt: uint64(block.timestamp),
            manifestHash: manifestHash
        });
        _metadata[modelId] = Metadata({name: name, uri: uri, format: format});
        emit ModelRegistered(modelId, msg.sender, manifestHash, name, uri, format);
    }

    /// @inheritdoc IModelRegistry
    function setURI(uint256 modelId, string calldata uri) external onlyCreator(modelId) {
        _checkLength("uri", bytes(uri).length, 0, MAX_URI);
        _metadata[modelId].uri = uri;
        emit ModelURIUpdated(modelId, uri);
    }

    /// @inheritdoc IModelRegistry
    function transferCreator(uint256 modelId, address newCreator) external onlyCreator(modelId) {
        if (newCreator == address(0)) revert ZeroAddress();
        _models[modelId].creator = newCreator;
        emit ModelCreatorTransferred(modelId, msg.sender, newCreator);
    }

    /// @inheritdoc IModelRegistry
    function setActive(uint256 modelId, bool active) external onlyOwner {
        if (_models[modelId].creator == address(0)) revert UnknownModel(modelId);
        _models[modelId].active = active;
        emit ModelActiveSet(modelId, active);
    }

    /// @inheritdoc IModelRegistry
    function setZkVerifier(uint256 modelId, address verifier) external onlyOwner {
        if (_models[modelId].creator == address(0)) revert UnknownModel(modelId);
        zkVerifierOf[modelId] = verifier;
        emit ZkVerifierSet(modelId, verifier);
    }

    /// @inheritdoc IModelRegistry
    function model(uint256 modelId) external view returns (Model memory) {
        Model memory m = _models[modelId];
        if (m.creator == address(0)) revert UnknownModel(modelId);
        return m;
    }

    /// @inheritdoc IModelRegistry
    function modelInfo(uint256 modelId) external view returns (address creator, bool active) {
        Model storage m = _models[modelId];
        return (m.creator, m.active);
    }

    /// @inheritdoc IModelRegistry
    function zkInfo(uint256 modelId) external view returns (address verifier, bytes32 manifestHash) {
        return (zkVerifierOf[modelId], _models[modelId].manifestHash);
    }

    /// @inheritdoc IModelRegistry
    function metadata(uint256 modelId)
        external
        view
        returns (string memory name, string memory uri, string memory format)
    {
        if (_models[modelId].creator == address(0)) revert UnknownModel(modelId);
        Metadata storage md = _metadata[modelId];
        return (md.name, md.uri, md.format);
    }

    function _checkLength(string memory field, uint256 length, uint256 minLength, uint256 maxLength) private pure {
        if (length < minLength) revert EmptyField(field);
        if (length > maxLength) revert FieldTooLong(field, length, maxLength);
    }
}
