import { chartData } from './history';

const history = {
  chainId: 'c1', name: 'anvil-dev', from: '2026-12-04T07:00:00Z', to: '2026-12-04T08:00:00Z', bucketSeconds: 10,
  nodes: [
    { nodeId: 'n1', name: 'anvil-1', points: [
      { at: '2026-12-04T07:59:40Z', height: 100, tps: 2, peers: null, blockIntervalSeconds: 1 },
      { at: '2026-12-04T07:59:50Z', height: 110, tps: 3, peers: null, blockIntervalSeconds: 1 }] },
    { nodeId: 'n2', name: 'anvil-2', points: [
      { at: '2026-12-04T07:59:30Z', height: 95, tps: null, peers: null },
      { at: '2026-12-04T07:59:50Z', height: null, tps: null, peers: null }] },
    { nodeId: 'n3', name: 'anvil-3', points: [] },
  ],
};
const s = (iso: string) => Date.parse(iso) / 1000;

test('every node\'s values aligned on the union of bucket times, null where a node has no point or no value', () => {
  expect(chartData(history, 'height')).toEqual({
    t: [s('2026-12-04T07:59:30Z'), s('2026-12-04T07:59:40Z'), s('2026-12-04T07:59:50Z')],
    series: [{ label: 'anvil-1', values: [null, 100, 110] }, { label: 'anvil-2', values: [95, null, null] }],
  });
});

test('a node without any value of the reading is left out; no node with one: no chart', () => {
  expect(chartData(history, 'tps')?.series.map((x) => x.label)).toEqual(['anvil-1']);
  expect(chartData(history, 'peers')).toBeNull();
});
