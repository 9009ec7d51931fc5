import { closestName } from '../../src/core/text';

describe('closestName', () => {
  const OPTIONS = ['host', 'use-test-host', 'run-time', 'workers', 'strict', 'output'];

  test.each([
    ['hots', 'host'],
    ['worker', 'workers'],
    ['runtime', 'run-time'],
    ['stirct', 'strict'],
  ])('takes %s for a typo of %s', (typed, meant) => {
    expect(closestName(typed, OPTIONS)).toBe(meant);
  });

  test('names nothing when no candidate is close', () => {
    expect(closestName('frobnicate', OPTIONS)).toBeUndefined();
    expect(closestName('xyz', OPTIONS)).toBeUndefined();
  });
});
