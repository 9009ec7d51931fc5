import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Problem } from '../core/problems';

/** What makes an object one object in a cluster: API group, kind, namespace and name. */
export interface ObjectIdentity {
  /** `apiVersion`, e.g. `batch/v1`; only its group counts. */
  readonly apiVersion: string;
  readonly kind: string;
  /** @default - not namespaced */
  readonly namespace?: string;
  readonly name: string;
}

/** Where an object comes from, for the message: a construct path, or an input file and document. */
export interface ObjectOrigin {
  /** The origin in full, e.g. `first/a/MasterJob` or `a.yaml: LocustTest shop`. */
  readonly description: string;
  /**
   * Where the message says the repeat is: a construct path. On the command line each line already
   * starts with its input, so it says nothing more.
   * @default - the message names only the earlier origin
   */
  readonly at?: string;
  /**
   * The input the object comes from, and the origin as said within it (`LocustTest shop of
   * document 1 (line 1)`): a repeat within one input names the earlier object so, since the line
   * already starts with the input.
   * @default - the earlier object is named by its description alone
   */
  readonly source?: { readonly file: string; readonly within: string };
}

/** A repeat: the problem to report and what the earlier object was claimed with. */
export interface Repeat<T> {
  readonly problem: Problem;
  readonly earlier: T;
}

/**
 * Remembers every object seen and refuses one whose identity an earlier one has: applied
 * together, one would silently overwrite the other. The construct tree and the command line both
 * check through this one class, so the key and the fix are the same everywhere. `T` is whatever
 * the caller wants back about the earlier object.
 */
export class UniqueObjects<T = undefined> {
  private readonly first = new Map<string, { readonly origin: ObjectOrigin; readonly item: T }>();

  /** The repeat when an earlier object has the same identity; the first one of each identity is remembered with `item`. */
  public claim(object: ObjectIdentity, origin: ObjectOrigin, item: T): Repeat<T> | undefined {
    const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
    const key = `${group}/${object.kind}/${object.namespace ?? ''}/${object.name}`;
    const earlier = this.first.get(key);
    if (earlier === undefined) {
      this.first.set(key, { origin, item });
      return undefined;
    }
    const described = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
    const source = earlier.origin.source;
    const sameInput = source !== undefined && source.file === origin.source?.file;
    const earlierText = sameInput ? `${source.within} of this file` : earlier.origin.description;
    const message = origin.at === undefined
      ? `gives ${described}, which ${earlierText} also gives`
      : `gives ${described} at ${origin.at}, which ${earlierText} also writes`;
    return { problem: { path: 'metadata.name', message, fix: 'give the tests different names, or put them in different namespaces' }, earlier: earlier.item };
  }
}

/** A repeated object of a construct tree, with the earlier object of the same identity. */
export interface DuplicateObject {
  readonly object: ApiObject;
  readonly earlier: ApiObject;
  readonly problem: Problem;
}

/**
 * Every object of the whole construct tree that repeats the identity of an earlier one. One pass
 * over the tree, so the check costs the same whether an app holds one LocustTest or a thousand.
 */
export function duplicateObjects(root: IConstruct): DuplicateObject[] {
  const seen = new UniqueObjects<ApiObject>();
  const duplicates: DuplicateObject[] = [];
  for (const node of root.node.findAll()) {
    if (!(node instanceof ApiObject)) continue;
    const identity = { apiVersion: node.apiVersion, kind: node.kind, namespace: node.metadata.namespace, name: node.name };
    const repeat = seen.claim(identity, { description: node.node.path, at: node.node.path }, node);
    if (repeat) duplicates.push({ object: node, earlier: repeat.earlier, problem: repeat.problem });
  }
  return duplicates;
}
