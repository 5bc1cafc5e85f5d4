/** Names the doc comment examples may use without defining them. */
export function doctestFixtures(): Record<string, unknown> {
  return {};
}
