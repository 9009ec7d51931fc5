import { Construct, IConstruct } from 'constructs';
import { duplicateObjects } from '../checks/unique-objects';
import { formatWarning, Warning } from '../checks/warnings';
import { Problem } from '../core/problems';

/** The id of the one AppChecks of an app, a child of the app's root. */
const ID = 'cdk8s-locust.AppChecks';

interface RegisteredTest {
  readonly test: IConstruct;
  /** Warnings to print; none for a strict test, whose warnings are validation errors. */
  readonly warnings: readonly Warning[];
  printed: boolean;
}

/**
 * What the LocustTests of one app share at synthesis, one per app and found by its id: the check
 * that no two objects of the app have one identity, and the one reporter that prints warnings.
 *
 * The duplicate check walks the tree once per synthesis, not once per test, and hands each test
 * the repeats of its own objects, so every error carries the path of the test it is about.
 */
export class AppChecks extends Construct {
  /** The AppChecks of the app `scope` belongs to, created with the first LocustTest. */
  public static of(scope: IConstruct): AppChecks {
    const root = scope.node.root;
    return (root.node.tryFindChild(ID) as AppChecks | undefined) ?? new AppChecks(root);
  }

  private readonly tests = new Map<IConstruct, RegisteredTest>();
  /** The repeats of this synthesis, by the test they are reported on. */
  private duplicates?: Map<IConstruct, Problem[]>;

  private constructor(root: IConstruct) {
    super(root as Construct, ID);
    // The root is validated first in every synthesis (cdk8s walks the tree in pre-order): a new
    // synthesis looks at the tree afresh, since constructs may have been added since the last one.
    root.node.addValidation({ validate: () => { this.duplicates = undefined; return []; } });
    this.node.addValidation({ validate: () => this.printWarnings() });
  }

  /** Registers a LocustTest of this app, with the warnings the reporter is to print for it. */
  public register(test: IConstruct, warnings: readonly Warning[]): void {
    this.tests.set(test, { test, warnings, printed: false });
  }

  /**
   * The objects of `test` (or objects the app writes over one of them) whose identity an earlier
   * object already has. A repeat is reported on the test that writes the later object, or else on
   * the test whose object it repeats; repeats among objects of no LocustTest are the app's own.
   */
  public duplicatesOf(test: IConstruct): readonly Problem[] {
    this.duplicates ??= this.findDuplicates();
    return this.duplicates.get(test) ?? [];
  }

  private findDuplicates(): Map<IConstruct, Problem[]> {
    const byTest = new Map<IConstruct, Problem[]>();
    for (const duplicate of duplicateObjects(this.node.root)) {
      const owner = this.testOf(duplicate.object) ?? this.testOf(duplicate.earlier);
      if (owner === undefined) continue;
      byTest.set(owner, [...(byTest.get(owner) ?? []), duplicate.problem]);
    }
    return byTest;
  }

  /** The registered test a construct belongs to, the nearest one if tests are nested. */
  private testOf(construct: IConstruct): IConstruct | undefined {
    return [...construct.node.scopes].reverse().find((scope) => this.tests.has(scope));
  }

  /** Prints each test's warnings once, on the first synthesis that sees the test; never an error. */
  private printWarnings(): string[] {
    for (const entry of this.tests.values()) {
      if (entry.printed) continue;
      entry.printed = true;
      for (const warning of entry.warnings) process.stderr.write(`warning: ${entry.test.node.path}: ${formatWarning(warning)}\n`);
    }
    return [];
  }
}
