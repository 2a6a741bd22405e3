/** Collects WHERE clauses with their parameters, in order. */
export function conditions() {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    params.push(...values);
  };
  return { where, params, add };
}
