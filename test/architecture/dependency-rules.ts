import { cyclesOf, edgesBetween, type ImportGraph } from './import-graph.ts';

/** The pure document builder and the Fluent fetch step: neither may import the other. Rename with the folder. */
export const BUILD_FOLDER = 'build';
export const FETCH_FOLDER = 'fetch';
/** The use case. Only the composition roots import it; every step depends on ports, not back on it. */
export const PIPELINE_FOLDER = 'pipeline';
/** Folders that wire the steps into the use case (and root files such as main.ts) may import pipeline/. */
export const COMPOSITION_ROOTS: readonly string[] = ['app', 'cli', PIPELINE_FOLDER];

export interface RuleViolations {
  /** (a) file-level import cycles, each as its files joined by " ↔ ". */
  cycles: string[];
  /** (b) imports between build/ and fetch/, either way, as "from -> to". */
  buildFetch: string[];
  /** (c) imports from a step folder (anything but the composition roots) into pipeline/. */
  intoPipeline: string[];
}

export function violationsOf(graph: ImportGraph): RuleViolations {
  return {
    cycles: cyclesOf(graph).map((files) => files.join(' ↔ ')),
    buildFetch: edgesBetween(graph, (from, to) => (from === BUILD_FOLDER && to === FETCH_FOLDER) || (from === FETCH_FOLDER && to === BUILD_FOLDER)),
    intoPipeline: edgesBetween(graph, (from, to) => to === PIPELINE_FOLDER && from !== undefined && !COMPOSITION_ROOTS.includes(from)),
  };
}
