// Mocha's spec reporter, plus the plain closing line CI reads: "N passed, N failed".
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithTotals extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const totals = { passed: passes, failed: failures, skipped: pending };
      if (process.env.ENTRA_TEST_TOTALS) require('node:fs').writeFileSync(process.env.ENTRA_TEST_TOTALS, JSON.stringify(totals));
      else console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
    });
  }
}
module.exports = SpecWithTotals;
