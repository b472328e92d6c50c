package serial;

import java.io.Serializable;
import java.util.Map;

/**
 * Serializable with no serialVersionUID of its own, a slow static initializer and a synchronized
 * method: the class a user defers, whose saved instances must read back either way.
 */
public class Account implements Serializable {
  private static final Map<String, String> CURRENCIES;

  static {
    System.out.println("account-init");
    CURRENCIES = Map.of("EUR", "euro");
  }

  private final String owner;
  protected long cents;
  transient int views;

  public Account(String owner, long cents) {
    this.owner = owner;
    this.cents = cents;
  }

  public synchronized void deposit(long amount) {
    cents += amount;
  }

  public String describe() {
    return owner + " " + cents + " " + CURRENCIES.get("EUR");
  }
}
