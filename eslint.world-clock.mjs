// Worlds start relative to the real now (electron/emulators/world-clock.ts, ARCHITECTURE.md "World
// clocks"): an absolute date in a scenario or in the code that sets up a test world makes a suite that
// passes today and fails the day that date leaves the app's backfill window. Kept apart from the main
// config so a test can lint snippets against exactly these rules.
const message =
  'Absolute date in world code: start from the real now (electron/emulators/world-clock.ts) instead.';

export const worldClockRules = [
  {
    files: [
      'electron/emulators/scenarios/**',
      'electron/emulators/engine/**',
      'electron/emulators/*.ts',
      'test/helpers/**',
      'test/integration/**',
      'test/timing/**',
      'test/browser/**',
      'bench/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='UTC']", message },
        { selector: "NewExpression[callee.name='Date'][arguments.0.type='Literal']", message },
        {
          selector:
            "CallExpression[callee.object.name='Date'][callee.property.name='parse'][arguments.0.type='Literal']",
          message,
        },
        { selector: 'Literal[value=/^\\d{4}-\\d{2}-\\d{2}([T ]|$)/]', message },
        { selector: 'TemplateElement[value.raw=/^\\d{4}-\\d{2}-\\d{2}([T ]|$)/]', message },
      ],
    },
  },
];
