package org.initcall4j.agent.transform;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Copies the arrays among a parked call's arguments, deep through arrays of arrays, so that the
 * replay sees them as they were at the call, not as the caller left them (a buffer reused for
 * the next call, say). Other arguments are kept as they are: the config check admits only types
 * known to be immutable. An entry that declares {@code replayByReference} keeps every argument
 * as passed, arrays too, and is not copied at all.
 * An array reached twice is copied once, so aliasing and cycles between arrays are kept.
 */
final class ParkedArguments {
  private ParkedArguments() {}

  /**
   * Replaces every array argument by its copy, in place: the array of arguments is the one the
   * rewritten method made for this call, so nobody else holds it.
   *
   * @return {@code arguments}, or an empty array for null
   */
  static Object[] copy(Object[] arguments) {
    if (arguments == null) {
      return new Object[0];
    }
    Map<Object, Object> copies = null;
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      if (argument != null && argument.getClass().isArray()) {
        if (copies == null) {
          copies = new IdentityHashMap<>();
        }
        arguments[i] = deepCopy(argument, copies);
      }
    }
    return arguments;
  }

  /** Iterative, so that deeply nested arrays cannot overflow the caller's stack. */
  private static Object deepCopy(Object array, Map<Object, Object> copies) {
    Object known = copies.get(array);
    if (known != null) {
      return known; // the same array passed twice: copied once, still one array
    }
    Object root = shallowCopy(array, copies);
    ArrayDeque<Object[]> todo = new ArrayDeque<>();
    if (root instanceof Object[] elements) {
      todo.push(elements);
    }
    while (!todo.isEmpty()) {
      Object[] copy = todo.pop();
      for (int i = 0; i < copy.length; i++) {
        Object element = copy[i];
        if (element == null || !element.getClass().isArray()) {
          continue;
        }
        Object done = copies.get(element);
        if (done == null) {
          done = shallowCopy(element, copies);
          if (done instanceof Object[] nested) {
            todo.push(nested);
          }
        }
        copy[i] = done;
      }
    }
    return root;
  }

  /** A copy of one array (its elements still the original's), remembered in {@code copies}. */
  private static Object shallowCopy(Object array, Map<Object, Object> copies) {
    Object copy;
    if (array instanceof Object[] a) {
      copy = a.clone();
    } else if (array instanceof byte[] a) {
      copy = a.clone();
    } else if (array instanceof char[] a) {
      copy = a.clone();
    } else if (array instanceof int[] a) {
      copy = a.clone();
    } else if (array instanceof long[] a) {
      copy = a.clone();
    } else if (array instanceof double[] a) {
      copy = a.clone();
    } else if (array instanceof float[] a) {
      copy = a.clone();
    } else if (array instanceof short[] a) {
      copy = a.clone();
    } else {
      copy = ((boolean[]) array).clone();
    }
    copies.put(array, copy);
    return copy;
  }
}
