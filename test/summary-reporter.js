// Prints one plain closing line, "jest: N passed, N failed, N skipped", that any CI log reader
// understands. Jest's own summary follows it on stderr, so the line is also written to the file
// named by BROADSHEET_TEST_SUMMARY: tools/bin/test.sh and .ci/run print it again as their last line.
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results;
    const broken =
      numFailedTestSuites + numRuntimeErrorTestSuites > 0 && numFailedTests === 0
        ? ` (${numFailedTestSuites} suite(s) failed to run)`
        : '';
    const line = `jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped${broken}`;
    process.stdout.write(`\n${line}\n`);
    if (process.env.BROADSHEET_TEST_SUMMARY) fs.writeFileSync(process.env.BROADSHEET_TEST_SUMMARY, `${line}\n`);
  }
}
module.exports = SummaryReporter;
