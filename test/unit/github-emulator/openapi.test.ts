import { describe, expect, it } from '@jest/globals'
import { checkResponse, convertNullable, matchRoute } from '../../support/github-emulator/openapi.js'

describe('emulator OpenAPI routing and validation', () => {
  it('prefers literal path segments over parameters', () => {
    const match = matchRoute('GET', '/repos/o/r/issues/events')

    expect(match).toMatchObject({
      kind: 'matched',
      operation: { operationId: 'issues/list-events-for-repo' }
    })
  })

  it('decodes path parameters', () => {
    const match = matchRoute('DELETE', '/repos/o/r/issues/1/labels/good%20first%20issue')

    expect(match).toMatchObject({
      kind: 'matched',
      pathParams: { name: 'good first issue', issue_number: '1' }
    })
  })

  it('reports a response that lacks required fields', () => {
    const match = matchRoute('GET', '/repos/o/r/issues/1')
    if (match.kind !== 'matched') throw new Error('route not found')

    const problems = checkResponse(match.operation, 200, { number: 1 })

    expect(problems).toContain("response 200 must have required property 'title'")
  })

  it('rewrites OpenAPI nullable into JSON Schema', () => {
    const schema = {
      properties: {
        a: { type: 'string', nullable: true },
        b: { allOf: [{ type: 'object' }], nullable: true }
      }
    }

    convertNullable(schema)

    expect(schema.properties).toEqual({
      a: { type: ['string', 'null'] },
      b: { anyOf: [{ allOf: [{ type: 'object' }] }, { type: 'null' }] }
    })
  })
})
