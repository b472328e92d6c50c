package advise;

import java.util.List;

/** A slow interface: the config check refuses to defer an interface's static initializer. */
interface Defaults {
  List<String> NAMES = Slow.names(40);
}
