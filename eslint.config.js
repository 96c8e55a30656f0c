// Lint configuration: typescript-eslint's recommended rules on top of ESLint's; verifies, never rewrites.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'dist/', 'dist.*/', 'dist.lock/'] },
  { files: ['scripts/**/*.mjs', 'bench/**/*.mjs'], languageOptions: { globals: { process: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Command-line entry points and benchmarks print for a person to read.
  { files: ['**/*-cli.ts', 'bench/**', 'soak/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  { files: ['.puppeteerrc.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
);
