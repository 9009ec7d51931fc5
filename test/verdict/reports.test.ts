import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { REPORTS_MOUNT_PATH, reportFileBase, reportsWarnings, resolveReports } from '../../src/verdict/reports';
import { SpecJson } from '../../src/spec/spec';
import { minimalSpecJson } from '../fixtures';

describe('reportFileBase', () => {
  test.each([
    ['checkout', undefined, 'checkout'],
    ['shop.checkout', undefined, 'shop-checkout'],
    ['checkout', 'r7', 'checkout-r7'],
    ['checkout', '2026-12-01/nightly {u}', 'checkout-2026-12-01-nightly--u-'],
    ['checkout', '../../etc', 'checkout-..-..-etc'],
    ['checkout', 'v1.2_3-x', 'checkout-v1.2_3-x'],
  ])('of test %j and run id %j is %j', (name, runId, base) => {
    expect(reportFileBase(name, runId)).toBe(base);
  });
});

describe('resolveReports', () => {
  const volumeOf = (name: string) => {
    const chart = new Chart(Testing.app(), 'c');
    return kplus.Volume.fromEmptyDir(chart, 'Reports', name);
  };

  test('gives the volume as JSON and the master\'s HTML and CSV flags into the mount path', () => {
    // WHEN reports go to an emptyDir named reports, for run r7
    const resolved = resolveReports({ volume: volumeOf('reports') }, 'checkout', 'r7', ['-f', '/lotest/src/a.py'], ['locust-lib']);

    // THEN the flags name the files after the test and the run, in the mount path
    expect(resolved).toEqual({
      problems: [],
      reports: { volume: { name: 'reports', emptyDir: {} }, args: [`--html=${REPORTS_MOUNT_PATH}/checkout-r7.html`, `--csv=${REPORTS_MOUNT_PATH}/checkout-r7`] },
    });
  });

  test('adds --csv-full-history only when asked', () => {
    expect(resolveReports({ volume: volumeOf('reports'), fullHistory: true }, 'checkout', undefined, [], []).reports?.args).toEqual([
      `--html=${REPORTS_MOUNT_PATH}/checkout.html`, `--csv=${REPORTS_MOUNT_PATH}/checkout`, '--csv-full-history',
    ]);
    expect(resolveReports({ volume: volumeOf('reports'), fullHistory: false }, 'checkout', undefined, [], []).reports?.args).toHaveLength(2);
  });

  test('fails when the volume is not a cdk8s-plus Volume of any major', () => {
    const resolved = resolveReports({ volume: { name: 'reports' } as unknown as kplus.Volume }, 'checkout', undefined, [], []);
    expect(resolved).toEqual({ problems: [{ path: 'reports.volume', message: 'must be a cdk8s-plus Volume', value: 'object', fix: 'pass e.g. Volume.fromPersistentVolumeClaim(this, "Reports", claim)' }] });
  });

  test('fails when the volume has the name of another volume of the master pod', () => {
    const resolved = resolveReports({ volume: volumeOf('data') }, 'checkout', undefined, [], ['data']);
    expect(resolved.reports).toBeUndefined();
    expect(resolved.problems).toEqual([{ path: 'reports.volume', message: 'has the name of another volume of the master pod', value: 'data', fix: 'give the report volume its own name (the name option of the Volume factory)' }]);
  });

  test.each([
    ['--html', '--html=mine.html'],
    ['--html', '--html'],
    ['--csv', '--csv=stats'],
    ['--csv-full-history', '--csv-full-history'],
  ])('fails when the master already passes %s (%s), one problem per argument', (flag, arg) => {
    const resolved = resolveReports({ volume: volumeOf('reports') }, 'checkout', undefined, ['-f', 'a.py', arg], []);
    expect(resolved.reports).toBeUndefined();
    expect(resolved.problems).toEqual([{ path: 'spec.master', message: `passes ${flag}, which reports sets itself`, value: arg, fix: `remove ${flag} from spec.master.command and extraArgs, and let reports name the files` }]);
  });

  test('reports every problem at once: the volume name and each report flag', () => {
    const resolved = resolveReports({ volume: volumeOf('data') }, 'checkout', undefined, ['--html=a.html', '--csv=b'], ['data']);
    expect(resolved.problems.map((p) => p.path)).toEqual(['reports.volume', 'spec.master', 'spec.master']);
  });

  test('leaves flags that only start like a report flag', () => {
    expect(resolveReports({ volume: volumeOf('reports') }, 'checkout', undefined, ['--htmlx', '--csv-other=1'], []).problems).toEqual([]);
  });
});

describe('reportsWarnings', () => {
  const claim = { volume: { name: 'pvc-reports', persistentVolumeClaim: { claimName: 'load-reports' } }, args: [] };
  const spec = (security?: object) => minimalSpecJson(security ? { security } : {}) as SpecJson;

  test('warns that uid 1000 may not write to a claim when the pod has no fsGroup', () => {
    expect(reportsWarnings(spec({ podSecurityContext: { runAsUser: 1000 } }), claim)).toEqual([{
      path: 'spec.security.podSecurityContext.fsGroup',
      message: 'is not set, so the Locust image\'s uid 1000 may not write to the reports claim load-reports',
      value: { runAsUser: 1000 },
      fix: 'set spec.security.podSecurityContext.fsGroup to 1000 (the group of the Locust image), or to the group the volume grants writing to',
    }]);
  });

  test('shows an empty pod security context when the spec has none', () => {
    expect(reportsWarnings(spec(), claim).map((w) => w.value)).toEqual([{}]);
    expect(reportsWarnings(spec({ containerSecurityContext: {} }), claim).map((w) => w.value)).toEqual([{}]);
  });

  test('says nothing once fsGroup is set, or for a volume that is not a claim', () => {
    expect(reportsWarnings(spec({ podSecurityContext: { fsGroup: 1000 } }), claim)).toEqual([]);
    expect(reportsWarnings(spec(), { volume: { name: 'reports', emptyDir: {} }, args: [] })).toEqual([]);
  });
});
