import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem, Problem } from '../core/problems';

function identity(object: ApiObject): string {
  return `${object.apiGroup}/${object.kind}/${object.metadata.namespace ?? ''}/${object.name}`;
}

function describe(object: ApiObject): string {
  const namespace = object.metadata.namespace;
  return `${object.kind} ${namespace === undefined ? '' : `${namespace}/`}${object.name}`;
}

/**
 * Objects of the whole construct tree that share kind, namespace and name with an earlier one:
 * applied together, one would silently overwrite the other. One pass over the tree, so the check
 * costs the same whether an app holds one LocustTest or a thousand.
 */
export function duplicateObjectProblems(root: IConstruct): Problem[] {
  const first = new Map<string, ApiObject>();
  const problems: Problem[] = [];
  for (const node of root.node.findAll()) {
    if (!(node instanceof ApiObject)) continue;
    const key = identity(node);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, node);
      continue;
    }
    problems.push({
      path: 'metadata.name',
      message: `gives ${describe(node)} at ${node.node.path}, which ${earlier.node.path} also writes`,
      fix: 'give the tests different names, or put them in different namespaces',
    });
  }
  return problems;
}

const checkedRoots = new WeakSet<IConstruct>();

/**
 * Registers the duplicate check once on the root of `scope`'s tree (the App), where cdk8s runs it
 * with every other validation, after all charts exist.
 */
export function checkDuplicateObjectsOnce(scope: IConstruct): void {
  const root = scope.node.root;
  if (checkedRoots.has(root)) return;
  checkedRoots.add(root);
  root.node.addValidation({ validate: () => duplicateObjectProblems(root).map(formatProblem) });
}
