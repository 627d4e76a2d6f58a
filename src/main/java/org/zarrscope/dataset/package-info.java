/**
 * Whole-dataset operations after a run, on any {@link org.zarrscope.store.Store}: describing what a
 * dataset holds ({@link org.zarrscope.dataset.DatasetInfo}, {@code zarrscope info}) and repairing
 * one whose writer was killed ({@link org.zarrscope.dataset.DatasetRecovery}, {@code zarrscope
 * recover}). They read the array format ({@code zarr}) and the frame table ({@code metadata}), so
 * they sit above both, and {@code zarr} depends on neither.
 */
package org.zarrscope.dataset;
