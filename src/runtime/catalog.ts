// Which models the page offers. The shipped pair (exlm-en-small with its MLM twin mlm-en-small) is
// the default once it exists under /models/; until then the tiny random fixture pair. We probe
// each folder's config.json rather than keep a list on the server, so adding a model folder is
// all it takes (a folder named in the URL hash is tried first).

/** A model and the MLM twin trained the same way (null when there is none). */
export interface ModelPair {
  exlm: string;
  mlm: string | null;
}

/** The tiny random fixture exported by training/, always present in the repository. */
const FIXTURE_PAIR: ModelPair = { exlm: 'tiny-random', mlm: 'tiny-random-mlm' };

/** Best first: the shipped models, then the fixture. */
export const KNOWN_PAIRS: readonly ModelPair[] = [
  { exlm: 'exlm-en-small', mlm: 'mlm-en-small' },
  FIXTURE_PAIR,
];

export const MODELS_URL = `${import.meta.env.BASE_URL}models/`;

export function modelUrl(name: string): string {
  return `${MODELS_URL}${name}/`;
}

/** Twin folder names to try for a model that is not in KNOWN_PAIRS, by naming convention. */
export function twinCandidates(name: string): string[] {
  const known = KNOWN_PAIRS.find((pair) => pair.exlm === name);
  if (known !== undefined) return known.mlm === null ? [] : [known.mlm];
  const candidates = [`${name}-mlm`];
  if (name.includes('exlm')) candidates.unshift(name.replace('exlm', 'mlm'));
  return candidates;
}

export type Probe = (name: string) => Promise<boolean>;

/** True when /models/<name>/config.json exists and is JSON. A dev or preview server answers
 *  unknown paths with index.html (status 200), so the status alone proves nothing. */
export const probeModel: Probe = async (name) => {
  try {
    const response = await fetch(`${modelUrl(name)}config.json`);
    if (!response.ok) return false;
    const config: unknown = JSON.parse(await response.text());
    return typeof config === 'object' && config !== null && 'architecture' in config;
  } catch {
    return false;
  }
};

/**
 * The pair to load: the requested model (from the link) if it exists, else the best known pair
 * that exists. With nothing found it still returns the requested or first fixture name, so the
 * load fails with a message that names the folder.
 */
export async function chooseModels(
  requested: string | null,
  probe: Probe = probeModel,
): Promise<ModelPair> {
  const wanted = requested ?? null;
  const options: string[] = wanted !== null ? [wanted] : [];
  options.push(...KNOWN_PAIRS.map((pair) => pair.exlm));
  for (const exlm of options) {
    if (!(await probe(exlm))) continue;
    for (const mlm of twinCandidates(exlm)) {
      if (await probe(mlm)) return { exlm, mlm };
    }
    return { exlm, mlm: null };
  }
  return { exlm: wanted ?? FIXTURE_PAIR.exlm, mlm: null };
}

/** Every known folder that exists, for the model picker. */
export async function listAvailableModels(probe: Probe = probeModel): Promise<string[]> {
  const names = KNOWN_PAIRS.map((pair) => pair.exlm);
  const found = await Promise.all(names.map(probe));
  return names.filter((_, i) => found[i]);
}
