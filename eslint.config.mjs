// ESLint 10 flat config: typescript-eslint's type-checked rules on every TypeScript file of tsconfig.json
// (apps, libs, scripts, test, bench), plain recommended rules on the few JavaScript config/setup files.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.tmp/', 'apps/web/src/gql/', 'test-results/', 'playwright-report/'] },

  // TypeScript: type-aware, strict on apps/ and libs/.
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The bugs this config exists for: forgotten awaits, promises handed to callbacks that ignore them,
      // switches over unions/enums that miss a case.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // NestJS idioms: modules are empty decorated classes; DI needs value imports of classes used only as types.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
      // Apollo plugins and Nest hooks implement async interfaces without always awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Input validation rejects NUL and other control characters on purpose (e.g. /\u0000/ in validation.ts).
      'no-control-regex': 'off',
      // `_name` marks intentionally unused bindings (destructuring away fields, unused parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // The web client (apps/web): its own tsconfig (DOM, bundler resolution), browser globals, TSX.
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx', 'apps/web/**/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: false, project: './apps/web/tsconfig.json', tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },

  // Tests: GraphQL/JSON responses are untyped, so `any` and what flows from it are allowed there.
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // expect(service.method).toHaveBeenCalled() and friends.
      '@typescript-eslint/unbound-method': 'off',
      // Tests write `list[0]!` defensively; harmless, and needed if noUncheckedIndexedAccess is ever turned on.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },

  // Notification rule registries hold rules of different payload types: `NotificationRule<any>[]` is the
  // idiom (the payload is contravariant in `plan`, so `unknown` would not accept the features' rules).
  {
    files: ['libs/domain/src/**/*.notifications.ts', 'libs/domain/src/notifications/notification-catalog.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Plain JavaScript (jest.config.js, this file, the Jest global setup/teardown): not in a tsconfig, no type info.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
);
