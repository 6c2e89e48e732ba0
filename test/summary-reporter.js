// Prints one plain closing line, "jest: N passed, N failed, N skipped", that any CI log reader understands.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results;
    const broken =
      numFailedTestSuites + numRuntimeErrorTestSuites > 0 && numFailedTests === 0
        ? ` (${numFailedTestSuites} suite(s) failed to run)`
        : '';
    process.stdout.write(
      `\njest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped${broken}\n`,
    );
  }
}
module.exports = SummaryReporter;
