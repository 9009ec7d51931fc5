import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * The names an app imports from `cdk8s-locust`, read from the declarations of `src/index.ts` by
 * the TypeScript compiler (types as well as values). The list is written out here so that a new
 * public name shows in review as a change of this file: the API of apps stays as small as its
 * users, and what tools need goes to `cdk8s-locust/tooling`.
 */
const ROOT = join(__dirname, '..');
const INDEX = join(ROOT, 'src', 'index.ts');
const TOOLING = join(ROOT, 'src', 'tooling.ts');
// One program for both entry points: reading the sources they import is most of the cost.
const program = ts.createProgram([INDEX, TOOLING], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noEmit: true, skipLibCheck: true });

function exportedNames(entry: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`no module symbol for ${entry}`);
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.getName()).sort();
}

describe('public API', () => {
  const index = exportedNames(INDEX);

  test('the app API is these names, and no more', () => {
    expect(index).toEqual([
      'ArgoCdHook',
      'ArgoCdOptions',
      'DashboardMode',
      'EnvSource',
      'GrafanaDashboards',
      'GrafanaDashboardsProps',
      'LocustTest',
      'LocustTestObjectProps',
      'LocustTestOptions',
      'LocustTestProps',
      'LocustTestTypedSpec',
      'LocustTestValidationError',
      'MetricsMonitor',
      'MonitorKind',
      'Observability',
      'ObservabilityMode',
      'OperatorConfig',
      'PodSecurity',
      'Problem',
      'RegressionBaseline',
      'RegressionOptions',
      'RenderMode',
      'ReportOptions',
      'TestFiles',
      'Thresholds',
      'Warning',
      'locust',
      'synthOrReport',
    ]);
  });

  test('every name the tooling entry adds is absent from the app API, and none is lost', () => {
    // GIVEN the names of both entry points
    const tooling = exportedNames(TOOLING);

    // THEN they do not overlap: a name has one home
    expect(tooling.filter((name) => index.includes(name))).toEqual([]);
    // AND the shapes of nested props that apps write as literals can still be named by tools
    expect(tooling).toEqual(
      expect.arrayContaining(['LocustTestMetadata', 'SecretMount', 'RegressionLimits', 'ResourceSettings', 'KafkaSettings', 'MetricsExporterSettings', 'DurationLike', 'STRICT_CONTEXT_KEY']),
    );
  });
});
