#!/usr/bin/env node
// The root `pnpm lint`: tsc's type check and eslint over the whole repository, on one TypeScript program.
// eslint's typed rules need the program that `tsc -p tsconfig.typecheck.json` builds; run apart, each
// builds and checks it again (42 s of CPU between them on the 2-core CI machine; 24 s together).
// Prints what tsc and eslint print, and fails when either finds a problem.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const tsconfig = join(root, 'tsconfig.typecheck.json');

function typeProgram() {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

const program = typeProgram();

const typeErrors = ts.getPreEmitDiagnostics(program);
const formatHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};
if (typeErrors.length > 0) {
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(format(typeErrors, formatHost));
  process.stdout.write(`\ntsc: ${typeErrors.length} error(s)\n`);
}

// the TypeScript files are all in the program; the JavaScript ones are linted without types (eslint.config.mjs)
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { programs: [program] } } }],
});
const results = await eslint.lintFiles(['.']);
const report = await (await eslint.loadFormatter('stylish')).format(results);
if (report) process.stdout.write(report);
const lintErrors = results.reduce((sum, result) => sum + result.errorCount, 0);

process.exitCode = typeErrors.length > 0 || lintErrors > 0 ? 1 : 0;
