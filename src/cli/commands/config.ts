import { notBuilt } from './not-built.js'

export const configCommand = notBuilt('config', 'validate and print settings')
