import { formatProblem, formatValue, LocustTestValidationError } from '../../src/core/problems';

describe('problems', () => {
  test('formats a problem as path, message, value received and fix', () => {
    const line = formatProblem({ path: 'spec.worker.replicas', message: 'must be at least 1', value: 0, fix: 'set spec.worker.replicas between 1 and 500' });
    expect(line).toBe('spec.worker.replicas must be at least 1 (got 0); set spec.worker.replicas between 1 and 500');
  });

  test('says "got nothing" for a missing value and leaves out a missing fix', () => {
    expect(formatProblem({ path: 'metadata.name', message: 'is required', value: undefined })).toBe('metadata.name is required (got nothing)');
    expect(formatProblem({ path: 'spec.image', message: 'is required' })).toBe('spec.image is required');
  });

  test('quotes strings, writes objects as compact JSON and cuts long values', () => {
    expect(formatValue('a')).toBe('"a"');
    expect(formatValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    const long = formatValue('x'.repeat(200));
    expect(long).toHaveLength(120);
    expect(long.endsWith('...')).toBe(true);
  });

  test('falls back to String() for values JSON cannot write', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('[object Object]');
    expect(formatValue(() => 1)).toBe('() => 1');
  });

  test('lists every problem, one per line, in the validation error', () => {
    const error = new LocustTestValidationError('checkout', [
      { path: 'spec.a', message: 'is wrong', value: 1 },
      { path: 'spec.b', message: 'is missing' },
    ], 'load/checkout');
    expect(error.name).toBe('LocustTestValidationError');
    expect(error.testName).toBe('checkout');
    expect(error.problems).toHaveLength(2);
    expect(error.constructPath).toBe('load/checkout');
    expect(error.message).toBe('LocustTest checkout at load/checkout is invalid:\n  - spec.a is wrong (got 1)\n  - spec.b is missing');
  });
});
