// One lint configuration for every package; each package runs `eslint .` against it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  { ignores: ['**/mutation-reports/**'] }, // pnpm mutation's reports, and Stryker's sandbox during a run
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // From the root (`pnpm test`), one TypeScript program over every package, as tsconfig.typecheck.json
        // builds it: the libraries' types are read once, not once per package (a fifth of the time).
        // Within a package (`pnpm --filter <package> lint`), that package's own tsconfig.json.
        ...(process.cwd() === import.meta.dirname
          ? { project: ['./tsconfig.typecheck.json'] }
          : { projectService: { allowDefaultProject: ['*.js', '*.mjs'] } }),
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/require-await': 'off', // async methods implementing an async interface need no await
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/tests/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
