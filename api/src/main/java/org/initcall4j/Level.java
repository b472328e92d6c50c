package org.initcall4j;

/**
 * Initcall levels, in boot order, named after the Linux kernel's {@code *_initcall} macros.
 * Every initcall of a level runs before any initcall of a later level.
 */
public enum Level {
  /** {@code early_initcall}: before anything else, e.g. logging. */
  EARLY,
  /** {@code pure_initcall}: state that depends on nothing at all. */
  PURE,
  /** {@code core_initcall}. */
  CORE,
  /** {@code postcore_initcall}. */
  POSTCORE,
  /** {@code arch_initcall}: platform set-up. */
  ARCH,
  /** {@code subsys_initcall}: subsystems that drivers register into. */
  SUBSYS,
  /** {@code fs_initcall}: storage. */
  FS,
  /** {@code rootfs_initcall}. */
  ROOTFS,
  /** {@code device_initcall}, the level of {@code module_init}: drivers and features. */
  DEVICE,
  /** {@code late_initcall}: after everything else. */
  LATE
}
