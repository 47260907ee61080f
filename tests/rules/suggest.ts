/**
 * The expected suggestions of a collection-family report: the one `suggestBounded` suggestion, whose
 * fix gives `output`. Shared by the RuleTester suites of the fresh reviews.
 */
export const suggest = (output: string) => [{ messageId: 'suggestBounded' as const, output }];
