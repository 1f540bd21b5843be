// SPDX-License-Identifier: MIT
// Test contract of ContractIT, compiled with solc 0.8.26 from npm (standard JSON input, default settings) into
// Counter.abi.json and Counter.bin (creation bytecode).
pragma solidity ^0.8.20;

contract Counter {
    string public name;
    uint256 private value;
    address public owner;

    constructor(string memory name_, uint256 value_) {
        name = name_;
        value = value_;
        owner = msg.sender;
    }

    function get() external view returns (uint256) {
        return value;
    }

    function set(uint256 value_) external {
        value = value_;
    }

    function add(uint256 a, uint256 b) external pure returns (uint256) {
        return a + b;
    }

    function info() external view returns (string memory, uint256, bool) {
        return (name, value, value > 10);
    }
}
