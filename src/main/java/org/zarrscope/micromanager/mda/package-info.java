/**
 * The MDA route: Micro-Manager's descriptions of a run and its images ({@link MdaSummary},
 * {@link MdaFrameMetadata}, {@link MdaCoordinates}; {@link MdaJson} reads them from the JSON of
 * MMCore, the MDA and AcqEngJ) turned into the writer's settings and frames ({@link MdaSettings},
 * with the user's {@link SaveOptions}), and, in plain types, everything the Studio plugin's
 * datastore storage does ({@link MdaStorage}): {@link MdaRun} and {@link LiveDataset} save a
 * Multi-D Acquisition while its viewer reads the images back, {@link SavedDataset} opens a saved
 * dataset for that viewer. The {@code studio} adapters only convert mmstudio's types into these.
 *
 * <p>Touch it to declare a scripted run for the AcqEngJ sink ({@code MdaSummary},
 * {@code SaveOptions}), or to read MMCore's image tags into a frame's metadata
 * ({@code MdaJson.frameMetadata}); the NDTiff conversion reads NDTiff's metadata with it too.
 */
package org.zarrscope.micromanager.mda;
