/**
 * A heavy library loaded on first use rather than when the process starts: most processes (a test
 * file, a CLI command, an instance without SMTP or Redis) never resize an image, print a PDF or open
 * a mail connection, and loading all of them costs about a second at every start.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      // A failed load is tried again next time rather than remembered.
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

/** sharp, for the modules that re-encode uploaded images (blog photos, news images). */
export const loadSharp = onFirstUse(async () => (await import('sharp')).default);
