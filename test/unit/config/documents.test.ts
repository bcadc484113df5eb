import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { renderExampleConfig, renderJsonSchema } from '../../../src/config/documents.js'
import { settingKeys } from '../../../src/config/keys.js'
import { loadSettings } from '../../../src/config/load.js'
import { ConfigFileSchema } from '../../../src/config/schema.js'

const root = join(import.meta.dirname, '../../..')

describe('generated config documents', () => {
  it('config/ccal.schema.json is the one generated from the schema (run npm run schema when this fails)', () => {
    expect(readFileSync(join(root, 'config/ccal.schema.json'), 'utf8')).toBe(renderJsonSchema())
  })

  it('config/ccal.example.yml is the one generated from the schema (run npm run schema when this fails)', () => {
    expect(readFileSync(join(root, 'config/ccal.example.yml'), 'utf8')).toBe(renderExampleConfig())
  })

  it('the example validates and documents every key of the schema', () => {
    const text = renderExampleConfig()
    const parsed = ConfigFileSchema.safeParse(parse(text))
    expect(parsed.success).toBe(true)
    expect(
      loadSettings({ root, configPath: 'config/ccal.example.yml', configRequired: true }).configFound
    ).toBe(true)
    for (const key of settingKeys()) {
      const name = key.path[key.path.length - 1] as string
      expect(text).toMatch(new RegExp(`^\\s*(# )?${name}:`, 'm'))
    }
  })

  it('gives every setting a description and a distinct CCAL_* variable', () => {
    const names = settingKeys().map(key => key.envName)
    expect(new Set(names).size).toBe(names.length)
    for (const key of settingKeys()) expect(key.description.length).toBeGreaterThan(10)
  })

  it('the JSON schema rejects unknown keys at every level', () => {
    const schema = JSON.parse(renderJsonSchema()) as {
      additionalProperties: boolean
      properties: {
        ccal: {
          additionalProperties: boolean
          properties: Record<string, { additionalProperties?: boolean }>
        }
      }
    }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.ccal.additionalProperties).toBe(false)
    expect(schema.properties.ccal.properties.loop?.additionalProperties).toBe(false)
  })
})
