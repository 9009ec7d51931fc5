import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { isVolumeReference } from '../../src/core/plus-objects';

describe('isVolumeReference', () => {
  test('takes a cdk8s-plus Volume, and any object with its name and _toKube, as another major gives', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(isVolumeReference(kplus.Volume.fromEmptyDir(chart, 'Reports', 'reports'))).toBe(true);
    expect(isVolumeReference({ name: 'reports', _toKube: () => ({ name: 'reports', emptyDir: {} }) })).toBe(true);
  });

  test.each([
    ['null', null],
    ['a string', 'reports'],
    ['an object without _toKube', { name: 'reports' }],
    ['an object whose name is not a string', { name: 5, _toKube: () => ({}) }],
    ['an object whose _toKube is not a function', { name: 'reports', _toKube: {} }],
  ])('refuses %s', (_what, value) => {
    expect(isVolumeReference(value)).toBe(false);
  });
});
