/**
 * The AcqEngJ route: {@link AcqEngJSink} saves an AcqEngJ {@code Acquisition} as OME-Zarr, from
 * Java, Beanshell, or Python through pycro-manager's Java bridge; {@link AcqEngJAxes} places its
 * images (and an NDTiff dataset's, which keeps AcqEngJ's axes).
 *
 * <p>Touch it for acquisitions scripted with AcqEngJ events; the run's sizes are declared with the
 * {@code mda} package's {@code MdaSummary} and stored as its {@code SaveOptions} say.
 */
package org.zarrscope.micromanager.acqengj;
