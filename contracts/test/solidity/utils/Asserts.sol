// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Minimal assertion helpers that revert with a message naming the values compared
/// (the part of forge-std's Test we need, without forge-std).
abstract contract Asserts {
    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": expected ", _str(b), ", got ", _str(a)));
    }

    function assertEq(address a, address b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": expected ", _hex(uint160(b)), ", got ", _hex(uint160(a))));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": expected ", _hex(uint256(b)), ", got ", _hex(uint256(a))));
    }

    function assertTrue(bool c, string memory what) internal pure {
        if (!c) revert(string.concat(what, ": expected true"));
    }

    function assertFalse(bool c, string memory what) internal pure {
        if (c) revert(string.concat(what, ": expected false"));
    }

    function assertLe(uint256 a, uint256 b, string memory what) internal pure {
        if (a > b) revert(string.concat(what, ": expected ", _str(a), " <= ", _str(b)));
    }

    function assertGe(uint256 a, uint256 b, string memory what) internal pure {
        if (a < b) revert(string.concat(what, ": expected ", _str(a), " >= ", _str(b)));
    }

    function assertGt(uint256 a, uint256 b, string memory what) internal pure {
        if (a <= b) revert(string.concat(what, ": expected ", _str(a), " > ", _str(b)));
    }

    function assertApproxEq(uint256 a, uint256 b, uint256 maxDelta, string memory what) internal pure {
        uint256 d = a > b ? a - b : b - a;
        if (d > maxDelta) {
            revert(string.concat(what, ": ", _str(a), " and ", _str(b), " differ by more than ", _str(maxDelta)));
        }
    }

    /// @dev Maps `x` into [min, max] (inclusive), keeping small in-range values unchanged.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        if (max - min == type(uint256).max) return x; // the full range
        return min + (x % (max - min + 1));
    }

    function _str(uint256 v) internal pure returns (string memory) {
        if (v == 0) return "0";
        uint256 len;
        for (uint256 t = v; t != 0; t /= 10) ++len;
        bytes memory b = new bytes(len);
        for (; v != 0; v /= 10) b[--len] = bytes1(uint8(48 + (v % 10)));
        return string(b);
    }

    function _hex(uint256 v) internal pure returns (string memory) {
        bytes memory b = new bytes(66);
        b[0] = "0";
        b[1] = "x";
        for (uint256 i; i < 64; ++i) {
            uint8 nib = uint8(v >> (4 * (63 - i))) & 0xf;
            b[2 + i] = bytes1(nib < 10 ? 48 + nib : 87 + nib);
        }
        return string(b);
    }
}
