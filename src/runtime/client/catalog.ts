// The page's side of the model catalog: where model folders are served and the list of them, as
// the dev server or the build wrote it (/models/index.json, built from the folders in models/).
import { CATALOG_FILE, type CatalogEntry, parseCatalog } from '../../core/catalog';

export const MODELS_URL = `${import.meta.env.BASE_URL}models/`;

/** The URL prefix of one model folder. */
export function modelUrl(name: string): string {
  return `${MODELS_URL}${name}/`;
}

/** Reads the catalog; throws with the URL and the reason when it cannot. */
export async function fetchCatalog(fetchFn: typeof fetch = fetch): Promise<CatalogEntry[]> {
  const url = `${MODELS_URL}${CATALOG_FILE}`;
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  try {
    return parseCatalog(await response.text());
  } catch (error) {
    throw new Error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
