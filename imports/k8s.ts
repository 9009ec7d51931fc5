export * from 'cdk8s-plus-28/lib/imports/k8s';
