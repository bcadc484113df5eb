import { describe, expect, it } from '@jest/globals'
import type { CliIo } from '../../../src/cli/io.js'
import { runCli } from '../../../src/cli/program.js'

async function ccal(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { stdout: text => out.push(text), stderr: text => err.push(text), cwd: '/', env: {} }
  const code = await runCli(args, io)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('ccal report', () => {
  it('asks where to write the report when neither --html nor --json is given', async () => {
    expect(await ccal('report')).toMatchObject({
      code: 2,
      stderr: 'ccal report: say where to write it: --html DIR, --json FILE or --json -'
    })
  })

  it('refuses a window that is not a whole number of days from 1 to 366', async () => {
    for (const days of ['0', '1.5', 'week', '400'])
      expect((await ccal('report', '--html', 'out', '--days', days)).stderr).toBe(
        `ccal report: --days expects a whole number from 1 to 366, found '${days}'`
      )
  })

  it('is listed in the help, with its options', async () => {
    expect((await ccal('help')).stdout).toMatch(/ report +--html DIR \[--json FILE\|-\] \[--days N\]/)
    expect((await ccal('report', '--help')).stdout).toContain('--html DIR      write DIR/index.html')
  })
})
