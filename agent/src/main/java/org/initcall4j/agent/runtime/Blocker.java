package org.initcall4j.agent.runtime;

import java.util.Collection;

/** Something a thread can wait for: an initcall, or a batch of initcalls run on the pool. */
interface Blocker {
  /** For reports: {@code initcall 'usb'}. */
  String describe();

  /** The threads whose progress ends the wait (running it now), possibly none. */
  Collection<Thread> holders();
}
