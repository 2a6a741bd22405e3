/**
 * Guards against stale replies: each call gets an id, and only the reply to the latest call is
 * applied. A slow answer to an old request can then never overwrite a newer one.
 */
export function latestOnly() {
  let latest = 0;
  return async <T>(request: () => Promise<T>, apply: (value: T) => void): Promise<void> => {
    const id = ++latest;
    const value = await request();
    if (id === latest) apply(value);
  };
}
