import {
  HOST_OPTION,
  LOCUSTFILE_OPTION,
  RUN_TIME_OPTION,
  flagOf,
  lastOptionValue,
  locustfilesOf,
  optionValues,
  setsFlag,
  withLocustfileFirst,
} from '../../src/core/locust-args';

describe('optionValues', () => {
  test.each([
    ['--locustfile PATH', ['--locustfile', 'a.py'], ''],
    ['--locustfile=PATH', ['--locustfile=a.py'], '--locustfile='],
    ['-f PATH', ['-f', 'a.py'], ''],
    ['-fPATH', ['-fa.py'], '-f'],
    ['-f=PATH', ['-f=a.py'], '-f='],
  ])('reads %s', (_form, args, prefix) => {
    // WHEN the locustfile option is read
    const values = optionValues(args, LOCUSTFILE_OPTION);

    // THEN its value is found with what precedes it in its argument
    expect(values).toEqual([{ index: args.length - 1, prefix, value: 'a.py' }]);
  });

  test('reads every occurrence, in order', () => {
    const values = optionValues(['-f', 'a.py', '--host', 'h', '--locustfile=b.py', '-fc.py'], LOCUSTFILE_OPTION);
    expect(values.map((value) => value.value)).toEqual(['a.py', 'b.py', 'c.py']);
  });

  test('reads nothing from a flag last on the line, which has no value', () => {
    expect(optionValues(['--run-time'], RUN_TIME_OPTION)).toEqual([]);
    expect(optionValues(['-f'], LOCUSTFILE_OPTION)).toEqual([]);
  });

  test('does not take another option that begins with the same letters', () => {
    // GIVEN options whose names start like --host and -H, but are other options
    const args = ['--hostname', 'x', '--host-header=y'];

    // THEN the host option is not read from them
    expect(optionValues(args, HOST_OPTION)).toEqual([]);
  });

  test('skips words that are not strings, as a spec of the wrong shape holds', () => {
    expect(optionValues([3, '-f', 'a.py', null], LOCUSTFILE_OPTION)).toEqual([{ index: 2, prefix: '', value: 'a.py' }]);
  });

  test('reads an option without a short alias only in its long forms', () => {
    expect(optionValues(['-e', '1', '--expect-workers=2'], { long: '--expect-workers' }).map((value) => value.value)).toEqual(['2']);
  });
});

describe('lastOptionValue', () => {
  test('keeps the last occurrence, as argparse does', () => {
    expect(lastOptionValue(['--run-time', '1m', '-t=2m', '--run-time=3m', '-t4m'], RUN_TIME_OPTION)?.value).toBe('4m');
  });

  test('is undefined when the option is absent', () => {
    expect(lastOptionValue(['--headless'], HOST_OPTION)).toBeUndefined();
  });
});

describe('setsFlag and flagOf', () => {
  test('a flag is set alone or with a value', () => {
    expect(setsFlag(['--autoquit', '60'], '--autoquit')).toBe(true);
    expect(setsFlag(['--autoquit=60'], '--autoquit')).toBe(true);
  });

  test('a longer flag with the same beginning is another flag', () => {
    expect(setsFlag(['--master-port=5557'], '--master')).toBe(false);
    expect(flagOf('--csv-full-history', ['--csv'])).toBeUndefined();
  });

  test('names which of the flags an argument sets', () => {
    expect(flagOf('--html=report.html', ['--csv', '--html'])).toBe('--html');
  });
});

describe('locustfilesOf', () => {
  test('splits a list of locustfiles on commas, as Locust does', () => {
    expect(locustfilesOf({ index: 0, prefix: '', value: 'a.py, b.py' })).toEqual(['a.py', 'b.py']);
  });
});

describe('withLocustfileFirst', () => {
  test.each([
    ['-f PATH', ['-f', 'a.py'], ['-f', 'verdict.py,a.py']],
    ['-fPATH', ['-fa.py'], ['-fverdict.py,a.py']],
    ['--locustfile=PATH', ['--locustfile=a.py'], ['--locustfile=verdict.py,a.py']],
  ])('puts the file first in %s', (_form, args, expected) => {
    expect(withLocustfileFirst(args, 'verdict.py')).toEqual(expected);
  });

  test('changes only the last occurrence, the one Locust reads', () => {
    expect(withLocustfileFirst(['-f', 'a.py', '-f', 'b.py'], 'v.py')).toEqual(['-f', 'a.py', '-f', 'v.py,b.py']);
  });

  test('fails when no locustfile is named', () => {
    expect(() => withLocustfileFirst(['--host', 'h'], 'v.py')).toThrow('names no locustfile');
  });
});
