// Lint configuration (eslint 9 flat config with typescript-eslint). Generated and built files are
// not linted: imports/ comes from `cdk8s import`, src/spec/generated/ from `npm run generate:crd`,
// lib/ and dist/ from the build and synthesis.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['imports/**', 'src/spec/generated/**', 'lib/**', 'dist/**', 'coverage/**', 'node_modules/**', 'docs/api/**', 'cdk.out/**', '.stryker-tmp/**', 'reports/**'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Rendered Kubernetes objects and parsed YAML are untyped JSON; tests and builders read them as such.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // CommonJS configuration files run by Node itself.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
