package serial;

import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code write FILE} saves an Account and a Savings; {@code read FILE} reads them back. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    System.out.println("uid Account " + ObjectStreamClass.lookup(Account.class)
        .getSerialVersionUID());
    System.out.println("uid Savings " + ObjectStreamClass.lookup(Savings.class)
        .getSerialVersionUID());
    if (args[0].equals("write")) {
      Account account = new Account("ann", 100);
      account.deposit(5);
      try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
        out.writeObject(account);
        out.writeObject(new Savings("rainy", 250));
      }
      System.out.println("wrote");
    } else {
      try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
        System.out.println("read " + ((Account) in.readObject()).describe());
        System.out.println("read " + ((Entry) in.readObject()).describe());
      }
    }
    List<String> fields = new ArrayList<>();
    for (Field field : Plain.class.getDeclaredFields()) {
      fields.add(field.getName());
    }
    System.out.println("plain " + Plain.name() + " fields " + fields);
  }
}
