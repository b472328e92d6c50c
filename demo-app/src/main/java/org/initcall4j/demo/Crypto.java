package org.initcall4j.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.initcall4j.Initcall;

/**
 * Signs every picture so a viewer can tell it came from this camera: an EC P-256 key pair for
 * the session (public key in {@code SESSION.PUB}), and a card key derived from the owner's PIN
 * with PBKDF2 (slow on purpose, as PIN derivation must be). Not needed for the first picture:
 * deferred, and it signs the pictures taken before it started when it does.
 */
public final class Crypto {
  static final String PUBLIC_KEY = "SESSION.PUB";
  private static final int PIN_ITERATIONS = 40_000;

  private static KeyPair keys;
  private static byte[] cardKey;

  private Crypto() {}

  @Initcall(name = "crypto", after = "storage", deferred = true)
  static synchronized void start() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      keys = generator.generateKeyPair();
      char[] pin = System.getProperty("camera.pin", "0000").toCharArray();
      byte[] salt = "initcall4j-camera".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      cardKey = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(pin, salt, PIN_ITERATIONS, 256)).getEncoded();
      Files.writeString(Storage.root().resolve(PUBLIC_KEY),
          Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n");
      Storage.onSave(Crypto::sign);
      for (Path picture : Storage.pictures()) {
        sign(picture);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make EC P-256 keys or PBKDF2: " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code IMG_0001.JPG} is signed in {@code IMG_0001.SIG} (base64 SHA256withECDSA). */
  static Path signatureOf(Path picture) {
    String name = picture.getFileName().toString();
    return picture.resolveSibling(name.substring(0, name.length() - 4) + ".SIG");
  }

  /** Signs one picture unless it is signed already. */
  static synchronized void sign(Path picture) {
    Path signature = signatureOf(picture);
    if (Files.exists(signature)) {
      return;
    }
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(Files.readAllBytes(picture));
      Files.writeString(signature, Base64.getEncoder().encodeToString(signer.sign()) + "\n");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign " + picture + ": " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the key is ready; the card key never leaves this class. */
  static synchronized boolean started() {
    return keys != null && cardKey != null;
  }
}
