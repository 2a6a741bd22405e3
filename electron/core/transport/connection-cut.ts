/**
 * True for a connection that was made and then cut (reset, closed, terminated mid-body): asking again
 * may well work. A name that does not resolve or a refused connection will not, so they are not cuts.
 */
export function connectionCut(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const text = `${cause?.code ?? ''} ${cause?.message ?? ''} ${error instanceof Error ? error.message : ''}`;
  return /ECONNRESET|UND_ERR_SOCKET|other side closed|terminated|socket hang up/i.test(text);
}
