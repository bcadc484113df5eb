/** The schema of a {@link Finding}, for what reads findings back from JSON. */
import { z } from 'zod'
import { SEVERITIES, type Finding } from './finding.js'

export const SeveritySchema = z.enum(SEVERITIES)

export const FindingSchema = z.strictObject({
  tool: z.string().min(1),
  file: z.string().nullable(),
  line: z.number().int().nonnegative().nullable(),
  column: z.number().int().nonnegative().nullable(),
  rule: z.string().nullable(),
  severity: SeveritySchema,
  message: z.string(),
  excerpt: z.string().nullable(),
  step: z.string().nullable(),
  job: z.string().nullable(),
  package: z.string().nullable()
}) satisfies z.ZodType<Finding>

// The schema and the interface say the same: each is assignable to the other.
const parsed: Finding = {} as z.infer<typeof FindingSchema>
void parsed
