import { KubeObject } from './select';

/**
 * The ConfigMaps and Secrets a pod reads, found by name in the pod's namespace (or without a
 * namespace, as a file applied with `kubectl -n` would be), and their values decoded.
 */
export class Sources {
  constructor(private readonly objects: readonly KubeObject[], private readonly namespace: string | undefined) {}

  /** The object of that kind and name, or undefined when the input does not hold it. */
  public find(kind: 'ConfigMap' | 'Secret', name: string): KubeObject | undefined {
    // A reference without a name (hand-edited `configMapRef: {}`) names nothing, not an object without one.
    if (typeof name !== 'string') return undefined;
    const named = this.objects.filter((object) => object.kind === kind && object.metadata?.name === name);
    return named.find((object) => object.metadata?.namespace === this.namespace) ?? named.find((object) => object.metadata?.namespace === undefined);
  }

  /** Every key of the object with its bytes: `data` and `binaryData` of a ConfigMap, `data` and `stringData` of a Secret. */
  public static entries(object: KubeObject): Map<string, Buffer> {
    const entries = new Map<string, Buffer>();
    const add = (map: unknown, decode: (value: string) => Buffer) => {
      for (const [key, value] of Object.entries((map ?? {}) as Record<string, unknown>)) entries.set(key, decode(String(value ?? '')));
    };
    if (object.kind === 'Secret') {
      add(object.data, (value) => Buffer.from(value, 'base64'));
      // The API server merges stringData over data.
      add(object.stringData, (value) => Buffer.from(value, 'utf8'));
    } else {
      add(object.data, (value) => Buffer.from(value, 'utf8'));
      add(object.binaryData, (value) => Buffer.from(value, 'base64'));
    }
    return entries;
  }
}
