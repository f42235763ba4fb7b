import { cyclesOf, edgesBetween, type ImportGraph } from './import-graph.ts';

/** The pure document composer and the Fluent fetch step: neither may import the other. Rename with the folder. */
export const COMPOSE_FOLDER = 'compose';
export const FETCH_FOLDER = 'fetch';
/** The use case. Only the composition roots import it; every step depends on ports, not back on it. */
export const PIPELINE_FOLDER = 'pipeline';
/** Folders that wire the steps into the use case (and root files such as main.ts) may import pipeline/. */
export const COMPOSITION_ROOTS: readonly string[] = ['app', 'cli', PIPELINE_FOLDER];
/** What every step may import: errors, ports, the document model and key. It depends on no step. */
export const CORE_FOLDER = 'core';
/** The Fluent runtime contract (event model, event and attribute names): the one folder core may import. */
export const FLUENT_CONTRACT_FOLDER = 'fluent';

export interface RuleViolations {
  /** (a) file-level import cycles, each as its files joined by " ↔ ". */
  cycles: string[];
  /** (b) imports between compose/ and fetch/, either way, as "from -> to". */
  composeFetch: string[];
  /** (c) imports from a step folder (anything but the composition roots) into pipeline/. */
  intoPipeline: string[];
  /** (d) imports from core/ into anything but core/ and the Fluent contract. */
  coreOutward: string[];
}

export function violationsOf(graph: ImportGraph): RuleViolations {
  return {
    cycles: cyclesOf(graph).map((files) => files.join(' ↔ ')),
    composeFetch: edgesBetween(graph, (from, to) => (from === COMPOSE_FOLDER && to === FETCH_FOLDER) || (from === FETCH_FOLDER && to === COMPOSE_FOLDER)),
    intoPipeline: edgesBetween(graph, (from, to) => to === PIPELINE_FOLDER && from !== undefined && !COMPOSITION_ROOTS.includes(from)),
    coreOutward: edgesBetween(graph, (from, to) => from === CORE_FOLDER && to !== CORE_FOLDER && to !== FLUENT_CONTRACT_FOLDER),
  };
}
