// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

/**
 * @title ChainWatch's upgrade proxy: a minimal ERC-1967 proxy with a fixed admin.
 * @notice The implementation and the admin are kept in the ERC-1967 storage slots, so any tool (and ChainWatch,
 * with eth_getStorageAt) can read them. The proxy has one function of its own:
 * upgradeToAndCall(newImplementation, data), callable only by the admin: it points the proxy at the new
 * implementation (which must have code), emits Upgraded, and delegatecalls data into it when data is not empty.
 * Every other call is delegated to the implementation. Consequences: the implementation must not declare
 * upgradeToAndCall(address,bytes) (the proxy answers that selector itself), and the admin is set once at
 * construction (no changeAdmin). The implementation's storage layout must stay compatible across upgrades.
 */
contract ChainWatchProxy {
    /// @dev bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    /// @dev bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1)
    bytes32 internal constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);

    error NotAdmin(address caller);
    error NotAContract(address implementation);

    /// @param data an initializer call delegated to the implementation (empty: none)
    constructor(address implementation, address admin, bytes memory data) payable {
        bytes32 slot = ADMIN_SLOT;
        assembly {
            sstore(slot, admin)
        }
        emit AdminChanged(address(0), admin);
        _upgradeToAndCall(implementation, data);
    }

    function upgradeToAndCall(address newImplementation, bytes calldata data) external payable {
        bytes32 slot = ADMIN_SLOT;
        address admin;
        assembly {
            admin := sload(slot)
        }
        if (msg.sender != admin) {
            revert NotAdmin(msg.sender);
        }
        _upgradeToAndCall(newImplementation, data);
    }

    fallback() external payable {
        _delegate();
    }

    receive() external payable {
        _delegate();
    }

    function _upgradeToAndCall(address implementation, bytes memory data) private {
        if (implementation.code.length == 0) {
            revert NotAContract(implementation);
        }
        bytes32 slot = IMPLEMENTATION_SLOT;
        assembly {
            sstore(slot, implementation)
        }
        emit Upgraded(implementation);
        if (data.length > 0) {
            (bool ok, bytes memory result) = implementation.delegatecall(data);
            if (!ok) {
                assembly {
                    revert(add(result, 32), mload(result))
                }
            }
        }
    }

    function _delegate() private {
        bytes32 slot = IMPLEMENTATION_SLOT;
        assembly {
            let implementation := sload(slot)
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), implementation, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 {
                revert(0, returndatasize())
            }
            default {
                return(0, returndatasize())
            }
        }
    }
}
