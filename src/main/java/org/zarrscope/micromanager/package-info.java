/**
 * What every Micro-Manager route shares: Micro-Manager's rule for naming a run's folder
 * ({@link UniqueName}, made safe by {@link FolderName}), its pixel-size affine
 * ({@link PixelSizeAffine}) and the error for a command it refused ({@link HardwareException}).
 *
 * <p>The routes are the sub-packages, which use this one and never the other way round:
 * {@code headless} ({@code zarrscope acquire} on plain MMCore, with {@code mmcore}, its MMCoreJ
 * adapter), {@code mda} (Micro-Manager's run and image descriptions, and the storage behind the
 * Studio plugin), {@code acqengj} (AcqEngJ and pycro-manager acquisitions, built on {@code mda})
 * and {@code studio} (the MMStudio plugin, built only with {@code -Dmm.home}). A script touches
 * this package for {@code UniqueName.next(root, prefix)}, whatever its route.
 */
package org.zarrscope.micromanager;
