// SPDX-License-Identifier: MIT
// Test contracts of ContractUpgradeIT: two versions of one implementation behind ChainWatchProxy (same storage
// layout; v2 adds a function). Compiled with solc 0.8.26 from npm, in this directory:
//   npx -y solc@0.8.26 --bin --abi --optimize --optimize-runs 200 -o out UpgradeableCounter.sol
// then out/UpgradeableCounter_sol_UpgradeableCounterV1.{abi,bin} -> UpgradeableCounterV1.{abi.json,bin} (0x prepended
// to the .bin), same for V2.
pragma solidity 0.8.26;

contract UpgradeableCounterV1 {
    uint256 private count;
    bool private initialized;

    function initialize(uint256 start) external {
        require(!initialized, "already initialized");
        initialized = true;
        count = start;
    }

    function increment() external {
        count += 1;
    }

    function get() external view returns (uint256) {
        return count;
    }

    function version() external pure returns (uint256) {
        return 1;
    }
}

contract UpgradeableCounterV2 {
    uint256 private count;
    bool private initialized;

    function initialize(uint256 start) external {
        require(!initialized, "already initialized");
        initialized = true;
        count = start;
    }

    function increment() external {
        count += 1;
    }

    function get() external view returns (uint256) {
        return count;
    }

    function doubled() external view returns (uint256) {
        return count * 2;
    }

    function version() external pure returns (uint256) {
        return 2;
    }
}
