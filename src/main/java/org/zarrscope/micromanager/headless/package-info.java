/**
 * The headless route: an acquisition on plain MMCore, without Micro-Manager's GUI, as
 * {@code zarrscope acquire} runs it. {@link HeadlessAcquisition} walks an {@link AcquisitionPlan}
 * on a {@link Microscope}, the whole hardware surface, and writes every frame;
 * {@link MicroManagerInstallation#connect} gives the MMCore microscope (the {@code mmcore} package,
 * loaded beside the installation's MMCoreJ); {@link ConfigFile} and {@link PositionListFile} read
 * Micro-Manager's configuration and position-list files.
 *
 * <p>Touch it to acquire from Java without Micro-Manager running, or to drive other hardware (or a
 * test double) by implementing {@link Microscope}.
 */
package org.zarrscope.micromanager.headless;
