#!/bin/sh
# Regenerates ChainWatchProxy.bin (creation bytecode, hex), ChainWatchProxy.abi.json and ChainWatchProxy.metadata.json
# from ChainWatchProxy.sol with solc-js 0.8.26 from npm (standard JSON, optimizer on, 200 runs). Needs Node.js and
# the npm registry; run it from anywhere. The output is deterministic: `git diff` afterwards shows any difference.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node -e '
const fs = require("fs");
process.stdout.write(JSON.stringify({
  language: "Solidity",
  sources: {"ChainWatchProxy.sol": {content: fs.readFileSync("ChainWatchProxy.sol", "utf8")}},
  settings: {optimizer: {enabled: true, runs: 200},
             outputSelection: {"*": {"*": ["abi", "evm.bytecode.object", "metadata"]}}}}));' > "$work/input.json"
npx -y solc@0.8.26 --standard-json < "$work/input.json" > "$work/output.txt"
node -e '
const fs = require("fs");
const text = fs.readFileSync(process.argv[1], "utf8");
const output = JSON.parse(text.slice(text.indexOf("{")));  // solc-js may print a notice line first
const errors = (output.errors || []).filter(e => e.severity === "error");
if (errors.length) { console.error(errors.map(e => e.formattedMessage).join("\n")); process.exit(1); }
const proxy = output.contracts["ChainWatchProxy.sol"].ChainWatchProxy;
fs.writeFileSync("ChainWatchProxy.bin", proxy.evm.bytecode.object + "\n");
fs.writeFileSync("ChainWatchProxy.abi.json", JSON.stringify(proxy.abi) + "\n");
fs.writeFileSync("ChainWatchProxy.metadata.json", proxy.metadata);' "$work/output.txt"
