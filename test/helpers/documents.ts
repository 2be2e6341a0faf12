// Hostile GraphQL documents shared by the limit tests and the fuzzer.

/** `{ ...F<n> }` with F0 = { __typename } and F(i) = { ...F(i-1) ...F(i-1) }: 2^n fields once expanded. */
export function fragmentBomb(n: number, root = 'Query'): string {
  const fragments = [`fragment F0 on ${root} { __typename }`];
  for (let i = 1; i <= n; i++) fragments.push(`fragment F${i} on ${root} { ...F${i - 1} ...F${i - 1} }`);
  return `query Bomb { ...F${n} }\n${fragments.join('\n')}`;
}
