package serial;

import java.io.Serializable;

/** Makes its implementations Serializable through an interface's superinterface. */
public interface Entry extends Serializable {
  String describe();
}
