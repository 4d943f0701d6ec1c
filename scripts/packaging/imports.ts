import { builtinModules } from 'node:module';
import ts from 'typescript';

// Module references of a JavaScript or TypeScript file, found with a real parser (TypeScript's),
// so that comments, strings and property names never count as imports (UTIF's bundle, for one,
// has `require('pako')` in a comment).

export type ReferenceKind = 'import' | 'export' | 'dynamic-import' | 'require';

export interface ModuleReference {
  specifier: string;
  kind: ReferenceKind;
  /** 1-based line of the reference. */
  line: number;
}

export interface DynamicReference {
  kind: 'dynamic-import' | 'require';
  line: number;
  /** The argument's source text (not a string literal, so it cannot be checked statically). */
  text: string;
}

export interface ParsedReferences {
  references: ModuleReference[];
  /** The file is an ES module (import/export syntax or import.meta): its require() calls are Node's, never bundled. */
  esm: boolean;
  /** import(x) / require(x) whose argument is not a string literal. */
  dynamic: DynamicReference[];
}

export interface ReferenceOptions {
  /** Leave out `import type`, `export type` and imports whose named bindings are all types (TypeScript sources). */
  skipTypeOnly?: boolean;
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.(ts|mts|cts)$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  return ts.ScriptKind.JS;
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // side-effect import
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Every static import/export-from, dynamic import() and require() of a source file. */
export function moduleReferences(source: string, fileName: string, options: ReferenceOptions = {}): ParsedReferences {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  const references: ModuleReference[] = [];
  const dynamic: DynamicReference[] = [];
  let esm = false;
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;

  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) ||
      ts.isExportDeclaration(node) ||
      ts.isExportAssignment(node) ||
      (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) ||
      (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
    ) {
      esm = true;
    }
    if (ts.isImportDeclaration(node)) {
      const specifier = literalText(node.moduleSpecifier);
      if (specifier !== undefined && !(options.skipTypeOnly && isTypeOnlyImport(node))) {
        references.push({ specifier, kind: 'import', line: lineOf(node) });
      }
    } else if (ts.isExportDeclaration(node)) {
      const specifier = literalText(node.moduleSpecifier);
      if (specifier !== undefined && !(options.skipTypeOnly && isTypeOnlyExport(node))) {
        references.push({ specifier, kind: 'export', line: lineOf(node) });
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const specifier = literalText(node.moduleReference.expression);
      if (specifier !== undefined && !(options.skipTypeOnly && node.isTypeOnly)) {
        references.push({ specifier, kind: 'require', line: lineOf(node) });
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      let kind: 'dynamic-import' | 'require' | undefined;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) kind = 'dynamic-import';
      else if (ts.isIdentifier(callee) && callee.text === 'require') kind = 'require';
      else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'require' &&
        callee.name.text === 'resolve'
      ) {
        kind = 'require';
      }
      if (kind) {
        const arg = node.arguments[0];
        const specifier = literalText(arg);
        if (specifier !== undefined) references.push({ specifier, kind, line: lineOf(node) });
        else if (arg) dynamic.push({ kind, line: lineOf(node), text: arg.getText(file).slice(0, 80) });
      }
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import('x')` in a type position: never a run-time import.
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { references, dynamic, esm };
}

/** The `<script>` blocks of a Vue single-file component as one source; other lines left empty (line numbers kept). */
export function vueScript(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, '');
  let out = '';
  let last = 0;
  for (const match of source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = (match.index ?? 0) + match[0].indexOf('>') + 1;
    const end = start + (match[1] ?? '').length;
    out += blank(source.slice(last, start)) + source.slice(start, end);
    last = end;
  }
  return out + blank(source.slice(last));
}

const BUILTINS = new Set(builtinModules);

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

export function isRelativeOrAbsolute(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier === '.' || specifier === '..';
}

/** `data:`, `http:`, `file:`… : URLs rather than module names. */
export function isUrl(specifier: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(specifier) && !specifier.startsWith('node:');
}

/** 'pdfjs-dist/build/x.mjs?url' → 'pdfjs-dist'; '@scope/p/sub' → '@scope/p'. Undefined for builtins, paths and URLs. */
export function packageNameOf(specifier: string): string | undefined {
  if (isBuiltin(specifier) || isRelativeOrAbsolute(specifier) || isUrl(specifier)) return undefined;
  const clean = specifier.split('?')[0] ?? specifier;
  const parts = clean.split('/');
  return clean.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The part after the package name: 'pdfjs-dist/build/x.mjs?url' → './build/x.mjs'; 'vue' → '.'. */
export function subpathOf(specifier: string): string {
  const name = packageNameOf(specifier);
  if (!name) return '.';
  const rest = (specifier.split('?')[0] ?? specifier).slice(name.length);
  return rest ? `.${rest}` : '.';
}
