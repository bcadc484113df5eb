// What the Actions runner starts (action.yml → dist/index.js): the action, once.
import { run } from './main.js'

await run()
