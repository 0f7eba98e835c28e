// npx tsx scripts/largest-functions.ts [--tests] [N] [dir …] – the N (15) largest functions in app/ components/ lib/
// emails/ (or the given dirs), counted as ESLint's max-lines-per-function counts them (skipBlankLines, skipComments),
// with the raw span beside it. A reviewer's check for "no function over 80 lines"; tests (__tests__, *.test.ts), which
// the lint rule exempts, only with --tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

type Fn = { file: string; line: number; name: string; lines: number; span: number };

const args = process.argv.slice(2);
const withTests = args[0] === '--tests' && Boolean(args.shift());
const isTest = (file: string) => /(^|\/)__tests__\/|\.test\.tsx?$/.test(file);
const top = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 15;
const dirs = args.length ? args : ['app', 'components', 'lib', 'emails'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' || entry.startsWith('.') ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every comment in the file as [pos, end), found through the leading/trailing trivia of every token. */
function commentRanges(text: string, sf: ts.SourceFile): [number, number][] {
  const seen = new Map<number, number>();
  const add = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => seen.set(r.pos, r.end));
  const visit = (node: ts.Node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    node.getChildren(sf).forEach(visit);
  };
  visit(sf);
  return [...seen];
}

/** Lines of [start, end] that hold code: not blank, not only comments (as ESLint's skipBlankLines + skipComments). */
function codeLines(text: string, comments: [number, number][], start: number, end: number): number {
  const chars = text.slice(start, end).split('');
  for (const [from, to] of comments) for (let i = Math.max(from, start); i < Math.min(to, end); i++) chars[i - start] = ' ';
  // The function's first line counts from its own start, as ESLint does; comment text was blanked above.
  return chars.join('').split('\n').filter((line) => line.trim() !== '').length;
}

function nameOf(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

function functionsOf(file: string): Fn[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const comments = commentRanges(text, sf);
  const out: Fn[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = node.getStart(sf);
      const first = sf.getLineAndCharacterOfPosition(start).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file, line: first + 1, name: nameOf(node), lines: codeLines(text, comments, start, node.getEnd()), span: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const all = dirs
  .flatMap(sourceFiles)
  .filter((file) => withTests || !isTest(file))
  .flatMap(functionsOf).sort((a, b) => b.lines - a.lines);
console.log(`${top} largest functions in ${dirs.join(' ')}${withTests ? ' (tests included)' : ' (tests left out)'} (lines of code as ESLint max-lines-per-function counts them; span in lines)`);
for (const f of all.slice(0, top)) console.log(`${String(f.lines).padStart(5)} ${String(f.span).padStart(5)}  ${f.file}:${f.line}  ${f.name}`);
const over = all.filter((f) => f.lines > 80);
console.log(`${over.length} function(s) over 80 lines${over.length ? ':' : ''}`);
for (const f of over) console.log(`  ${f.file}:${f.line} ${f.name} (${f.lines})`);
