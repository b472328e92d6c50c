package org.initcall4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code trace.json} read back with a strict JSON parser (Gson, strict mode: what any reader
 * accepts), and the checks every trace must pass: the Trace Event Format's required fields on
 * every event, a name for every thread, and the events of each thread nested, never overlapping
 * in part.
 */
public final class TraceFile {
  private static final Set<String> PHASES = Set.of("X", "B", "i", "M");

  /** One event; times in microseconds, exactly as written. */
  public record Event(String name, String category, String phase, BigDecimal ts, BigDecimal dur,
      long pid, long tid, String scope, JsonObject args) {

    /** Start in nanoseconds. */
    public long startNanos() {
      return ts.movePointRight(3).longValueExact();
    }

    public long durationNanos() {
      return dur.movePointRight(3).longValueExact();
    }

    public long endNanos() {
      return startNanos() + durationNanos();
    }

    /** An argument as a string, or null when it is JSON null or absent. */
    public String arg(String key) {
      JsonElement value = args == null ? null : args.get(key);
      return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    boolean contains(Event other) {
      return startNanos() <= other.startNanos() && other.endNanos() <= endNanos();
    }

    @Override
    public String toString() {
      return phase + " " + category + " '" + name + "' tid " + tid + " @" + ts
          + (dur == null ? "" : " +" + dur);
    }
  }

  private final List<Event> events = new ArrayList<>();
  private final Map<Long, String> threadNames = new HashMap<>();
  private final Map<Long, Integer> sortIndex = new HashMap<>();
  private final JsonObject otherData;

  private TraceFile(JsonObject root) {
    otherData = root.getAsJsonObject("otherData");
    for (JsonElement element : root.getAsJsonArray("traceEvents")) {
      JsonObject event = element.getAsJsonObject();
      String phase = event.get("ph").getAsString();
      assertTrue(PHASES.contains(phase), "unexpected phase: " + event);
      long pid = event.get("pid").getAsLong();
      long tid = event.get("tid").getAsLong();
      if (phase.equals("M")) {
        if (event.get("name").getAsString().equals("thread_sort_index")) {
          sortIndex.put(tid, event.getAsJsonObject("args").get("sort_index").getAsInt());
        }
        if (event.get("name").getAsString().equals("thread_name")) {
          String previous = threadNames.put(tid, event.getAsJsonObject("args").get("name")
              .getAsString());
          assertEquals(null, previous, "one name per thread: " + event);
        }
        continue;
      }
      assertNotNull(event.get("cat"), "every event has a category: " + event);
      events.add(new Event(event.get("name").getAsString(), event.get("cat").getAsString(),
          phase, event.get("ts").getAsBigDecimal(),
          phase.equals("X") ? event.get("dur").getAsBigDecimal() : null, pid, tid,
          event.has("s") ? event.get("s").getAsString() : null,
          event.has("args") ? event.getAsJsonObject("args") : null));
    }
  }

  /** Parses strictly: anything a lenient reader would forgive fails here. */
  public static TraceFile parse(String json) {
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = new Gson().getAdapter(JsonElement.class).read(reader);
      assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "nothing after the JSON object");
      return new TraceFile(root.getAsJsonObject());
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("trace.json is not valid JSON: " + e + "\n" + json, e);
    }
  }

  public List<Event> events() {
    return events;
  }

  /** The events of one phase and category. */
  public List<Event> events(String phase, String category) {
    return events.stream().filter(e -> e.phase().equals(phase) && e.category().equals(category))
        .toList();
  }

  /** The one complete event of this category and name. */
  public Event complete(String category, String name) {
    List<Event> found = events.stream().filter(e -> e.phase().equals("X")
        && e.category().equals(category) && e.name().equals(name)).toList();
    assertEquals(1, found.size(), "one " + category + " event named " + name + ": " + found);
    return found.get(0);
  }

  public String threadName(long tid) {
    return threadNames.get(tid);
  }

  /** The threads' names in the order their sort indexes give the tracks. */
  public List<String> threadsInOrder() {
    return sortIndex.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .map(e -> threadNames.get(e.getKey())).toList();
  }

  public JsonObject otherData() {
    return otherData;
  }

  /**
   * Every event on a named thread, and on each thread the complete events nested: any two are
   * either apart or one inside the other, never overlapping in part.
   */
  public void assertWellFormed() {
    Map<Long, List<Event>> byThread = new HashMap<>();
    for (Event event : events) {
      if (!(event.phase().equals("i") && "g".equals(event.scope()) && event.tid() == 0)) {
        assertNotNull(threadNames.get(event.tid()), "a thread_name for tid " + event.tid());
      }
      if (event.phase().equals("X")) {
        assertTrue(event.durationNanos() >= 0, "no negative duration: " + event);
        assertTrue(event.startNanos() >= 0, "no negative time: " + event);
        byThread.computeIfAbsent(event.tid(), t -> new ArrayList<>()).add(event);
      }
    }
    for (List<Event> thread : byThread.values()) {
      thread.sort((a, b) -> a.startNanos() != b.startNanos()
          ? Long.compare(a.startNanos(), b.startNanos())
          : Long.compare(b.durationNanos(), a.durationNanos()));
      Deque<Event> open = new ArrayDeque<>();
      for (Event event : thread) {
        while (!open.isEmpty() && open.peek().endNanos() <= event.startNanos()) {
          open.pop();
        }
        if (!open.isEmpty() && !open.peek().contains(event)) {
          fail("events overlap in part on thread " + threadName(event.tid()) + ": "
              + open.peek() + " and " + event);
        }
        open.push(event);
      }
    }
  }

  /** The innermost complete event on the same thread that contains this one, or null. */
  public Event enclosing(Event inner) {
    Event best = null;
    for (Event event : events) {
      if (event != inner && event.phase().equals("X") && event.tid() == inner.tid()
          && event.contains(inner) && (best == null || best.contains(event))) {
        best = event;
      }
    }
    return best;
  }
}
