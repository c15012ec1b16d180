// Colours shared by the inside views, so that "on the Viterbi path" and "hovered" look the same
// in every drawing. Okabe-Ito colours: distinguishable with the common colour-vision deficiencies
// and still saturated on a washed-out classroom projector.

/** States and edges on the best joint fill (Viterbi path): Okabe-Ito vermillion. */
export const PATH_COLOR = '#d55e00';
/** The hovered state, whichever view it was hovered in: Okabe-Ito blue. */
export const HOVER_COLOR = '#0072b2';
/** Ordinary edges and outlines. */
export const INK_COLOR = '#333333';
/** Text that only gives context (positions, ordinary tokens around the states). */
export const MUTED_COLOR = '#666666';
