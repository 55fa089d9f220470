// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title GridToken
/// @notice GRID: the payment, staking and voting token. The whole supply is minted once at
/// deployment; there is no owner and no further minting.
contract GridToken is ERC20, ERC20Permit, ERC20Votes {
    /// @param initialHolder Receives the whole supply (the deployer, who then funds the treasury).
    /// @param supply Total supply in wei.
    constructor(address initialHolder, uint256 supply) ERC20("InferGrid", "GRID") ERC20Permit("InferGrid") {
        _mint(initialHolder, supply);
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
