import { didYouMean, nearestName } from '../../src/core/suggest';

describe('nearestName', () => {
  const KINDS = ['LocustTest', 'ConfigMap', 'In', 'NotIn'];

  test('finds a name that differs only in case, and returns it as the candidates spell it', () => {
    // GIVEN a kind written with the wrong case
    // WHEN the nearest valid name is looked for
    // THEN it is the candidate's own spelling, not the lowered one
    expect(nearestName('Locusttest', KINDS)).toBe('LocustTest');
    expect(nearestName('in', KINDS)).toBe('In');
    expect(nearestName('notin', KINDS)).toBe('NotIn');
  });

  test('finds a misspelt name one edit away', () => {
    expect(nearestName('ConfgMap', KINDS)).toBe('ConfigMap');
  });

  test('finds nothing when no candidate is close', () => {
    expect(nearestName('Deployment', KINDS)).toBeUndefined();
    expect(nearestName('anything', [])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  const OPTIONS = ['host', 'workers', 'run-time'];

  test('suggests the near name, ending in a space so that the fix follows', () => {
    expect(didYouMean('hots', OPTIONS)).toBe('did you mean host? ');
  });

  test('shows the name as the caller writes it', () => {
    // GIVEN a caller that writes options with their dashes
    const show = (name: string) => `--${name}`;

    // WHEN a misspelt option is looked up
    // THEN the suggestion is written the caller's way
    expect(didYouMean('worker', OPTIONS, show)).toBe('did you mean --workers? ');
  });

  test('says nothing when the given name is already the valid one', () => {
    expect(didYouMean('host', OPTIONS)).toBe('');
  });

  test('says nothing when no valid name is close', () => {
    expect(didYouMean('frobnicate', OPTIONS)).toBe('');
  });

  test('suggests the right case for a name given in another case', () => {
    // GIVEN a name that is valid but for its case
    // THEN the suggestion is the valid spelling, since the given one is not valid as written
    expect(didYouMean('Host', OPTIONS)).toBe('did you mean host? ');
  });
});
