package org.initcall4j.demo;

/** Placeholder main class; the camera itself comes with the demo. */
public final class Camera {
  private Camera() {}

  public static void main(String[] args) {
    System.out.println("camera: not built yet");
  }
}
