// Bundles the action (src/main.ts → dist/index.js) and the CLI (src/cli.ts → dist/cli/index.js):
// tsc compiles src/ alone to lib/ (ESM JavaScript), then ncc bundles each entry with its
// dependencies. Each output folder gets a package.json of {"type":"module"} so Node loads the ESM
// bundle, as actions/checkout does.
//
// The action's lazily loaded chunks hold only third-party code (the tool cache: @actions/cache and
// the Azure storage SDK under it) and have their whitespace and comments taken out: half their
// size, identifiers and licence comments kept. Our own code stays readable in index.js.
import { execFileSync } from 'node:child_process'
import { transformSync } from 'esbuild'
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ncc = join(root, 'node_modules', '.bin', 'ncc')
const targets = [
  { entry: 'lib/index.js', out: 'dist', compactChunks: true },
  { entry: 'lib/cli.js', out: 'dist/cli', compactChunks: false }
]
rmSync(join(root, 'lib'), { recursive: true, force: true })
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit'
})
for (const target of targets) {
  const out = join(root, target.out)
  // The entry and its chunks (`123.index.js`, one per lazily loaded module): stale chunks go too.
  if (existsSync(out))
    for (const file of readdirSync(out)) if (/^(\d+\.)?index\.js$/.test(file)) rmSync(join(out, file))
  execFileSync(
    ncc,
    ['build', target.entry, '-o', target.out, '--license', 'licenses.txt', '--target', 'es2022', '-q'],
    {
      cwd: root,
      stdio: 'inherit'
    }
  )
  writeFileSync(join(out, 'package.json'), '{\n  "type": "module"\n}\n')
  if (target.compactChunks)
    for (const file of readdirSync(out).filter(name => /^\d+\.index\.js$/.test(name))) {
      const path = join(out, file)
      const { code } = transformSync(readFileSync(path, 'utf8'), { loader: 'js', minifyWhitespace: true })
      writeFileSync(path, code)
    }
}
// The CLI bundle is an executable: keep exactly one shebang line at its top.
const cli = join(root, 'dist/cli/index.js')
const text = readFileSync(cli, 'utf8').replace(/^#!.*\n/, '')
writeFileSync(cli, `#!/usr/bin/env node\n${text}`)
chmodSync(cli, 0o755)
